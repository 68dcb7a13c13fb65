// What receiving each action did to goodwill, grouped by the tier and type
// the relationship had just before: the uplift cases SiR-Intel learns from.
// A case is one RECEIVED edge. Goodwill before is that of the newest
// RelationshipState snapshot at or before the time received; goodwill after
// is that of the newest snapshot of the same model version at or before
// $horizonDays later (snapshots are kept only when the state changes, so the
// newest one at a moment is the state at that moment; it may be the same
// snapshot, an uplift of 0). A relationship with no snapshot before the
// action gives no case.
// Parameters: $organizations (list of Organization ids),
//   $horizonDays (integer: how long after receiving an action its effect is
//   measured),
//   $scopeOrganizationId (string, or null for every organization).
// Returns one row per organization, action, tier and type with a case:
//   organization, action, tier, type (string); cases (integer);
//   meanUplift (float: mean of goodwill after minus goodwill before).
// This reads every uplift case of the organizations, a cost that grows with
// them (bench/: 49 ms at 10,000 customers, 458 ms at 100,000), so next best
// steps remember its answer per organization for a while
// (graph/uplift_memory.py); action effectiveness reads it afresh.
UNWIND $organizations AS organizationId
MATCH (o:Organization {id: organizationId})-[:OFFERS]->(a:Action)
WHERE $scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId
MATCH (a)<-[x:RECEIVED]-(r:Relationship)
CALL (r, x) {
  MATCH (r)-[:HAD_STATE]->(s:RelationshipState)
  WHERE s.at <= x.at
  RETURN s AS before
  ORDER BY s.at DESC
  LIMIT 1
}
CALL (r, x, before) {
  MATCH (r)-[:HAD_STATE]->(s:RelationshipState)
  WHERE
    s.at <= x.at + duration({days: $horizonDays})
    AND s.modelVersion = before.modelVersion
  RETURN s AS after
  ORDER BY s.at DESC
  LIMIT 1
}
RETURN
  o.id AS organization,
  a.id AS action,
  before.tier AS tier,
  before.type AS type,
  count(*) AS cases,
  avg(after.goodwill - before.goodwill) AS meanUplift
