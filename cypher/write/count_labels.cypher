// How many nodes carry each label, to check what a write or `sir seed` left.
// Parameters: none.
// Returns: label (string, the node's first label), count (integer).
MATCH (n)
RETURN labels(n)[0] AS label, count(*) AS count
ORDER BY label
