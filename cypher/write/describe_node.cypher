// One node by id with its properties and outgoing relationships, for tests
// and for checking a write by hand.
// Parameters: $id (string).
// Returns: labels (list of strings), properties (map),
//   edges (list of {type, properties, target: the id or key of the end node}).
MATCH (n {id: $id})
CALL (n) {
  MATCH (n)-[r]->(m)
  RETURN collect({
    type: type(r), properties: properties(r), target: coalesce(m.id, m.key)
  }) AS edges
}
RETURN labels(n) AS labels, properties(n) AS properties, edges
