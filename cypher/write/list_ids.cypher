// The ids of every node that has one, to compare two runs of `sir seed`.
// Parameters: none.
// Returns: label (string, the node's first label), id (string); sorted.
MATCH (n)
WHERE n.id IS NOT NULL
RETURN labels(n)[0] AS label, n.id AS id
ORDER BY label, id
