// How many Relationships there are, for the progress of `sir profile`.
// Parameters: none.
// Returns: count (integer).
MATCH (r:Relationship)
RETURN count(r) AS count
