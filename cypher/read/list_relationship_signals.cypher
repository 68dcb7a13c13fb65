// One page of the goodwill signals of many relationships, newest first.
// Parameters: $ids (list of Relationship ids), $skip, $limit (integers: the
//   same window for every relationship),
//   $scopeOrganizationId (string, or null for every organization).
// Returns: id (string, the Relationship id), total (integer, all its
//   signals), items (list of maps: id, at, kind, weight).
UNWIND $ids AS id
MATCH (r:Relationship {id: id})-[:WITH]->(o:Organization)
WHERE $scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId
CALL (r) {
  MATCH (r)-[:SIGNALLED]->(s:GoodwillSignal)
  WITH s
  ORDER BY s.at DESC, s.id
  SKIP $skip
  LIMIT $limit
  RETURN collect(s {.id, .at, .kind, .weight}) AS items
}
RETURN r.id AS id, COUNT { (r)-[:SIGNALLED]->(:GoodwillSignal) } AS total, items
