// How many relationships of each type the graph holds, to check what a write
// or `sir seed` left.
// Parameters: none.
// Returns: type (string), count (integer).
MATCH ()-[r]->()
RETURN type(r) AS type, count(*) AS count
ORDER BY type
