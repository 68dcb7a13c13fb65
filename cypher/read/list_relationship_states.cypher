// The newest RelationshipState snapshots of many relationships.
// Not scoped by organization itself: it is only given the ids of
// relationships that a scoped statement returned (read/get_relationships,
// read/list_customer_relationships, read/list_at_risk_relationships).
// Parameters: $ids (list of Relationship ids), $limit (integer: at most
//   this many snapshots for each relationship).
// Returns: id (string, the Relationship id), states (list of maps: at,
//   serve, connect, role, goodwill, tier, gate, type, atRisk, modelVersion;
//   newest first).
UNWIND $ids AS id
MATCH (r:Relationship {id: id})
CALL (r) {
  MATCH (r)-[:HAD_STATE]->(s:RelationshipState)
  WITH s
  ORDER BY s.at DESC
  LIMIT $limit
  RETURN collect(s {
    .at, .serve, .connect, .role, .goodwill, .tier, .gate, .type, .atRisk,
    .modelVersion
  }) AS states
}
RETURN r.id AS id, states
