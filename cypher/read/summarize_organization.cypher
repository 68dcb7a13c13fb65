// The dashboard of one organization: how its relationships spread over
// tiers, gates and types, how many are at risk, and their average state.
// Relationships that were never profiled count in `relationships` only.
// Parameters: $id (Organization id),
//   $scopeOrganizationId (string, or null for every organization).
// Returns no row for an unknown organization or one out of scope, else one
// row:
//   relationships, profiled, atRisk (integers);
//   goodwill, serve, serveConfidence, connect, connectConfidence, role,
//   roleConfidence (floats, averages; null without profiled relationships);
//   tiers, gates, types (lists of {key, count}; values without
//   relationships are left out).
// TODO: the dashboard reads every relationship of the organization, so it
// grows with the organization (README, "Known limitations"); keep a summary
// per organization that a background task refreshes after writes, and
// serve it with its age.
MATCH (o:Organization {id: $id})
WHERE $scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId
CALL (o) {
  OPTIONAL MATCH (o)<-[:WITH]-(r:Relationship)
  RETURN
    count(r) AS relationships,
    count(r.tier) AS profiled,
    count(CASE WHEN r.atRisk THEN 1 END) AS atRisk,
    avg(r.goodwill) AS goodwill,
    avg(r.serve) AS serve,
    avg(r.serveConfidence) AS serveConfidence,
    avg(r.connect) AS connect,
    avg(r.connectConfidence) AS connectConfidence,
    avg(r.role) AS role,
    avg(r.roleConfidence) AS roleConfidence
}
RETURN
  relationships, profiled, atRisk, goodwill,
  serve, serveConfidence, connect, connectConfidence, role, roleConfidence,
  COLLECT {
    MATCH (o)<-[:WITH]-(r:Relationship)
    WHERE r.tier IS NOT NULL
    WITH r.tier AS key, count(*) AS count
    RETURN {key: key, count: count}
  } AS tiers,
  COLLECT {
    MATCH (o)<-[:WITH]-(r:Relationship)
    WHERE r.gate IS NOT NULL
    WITH r.gate AS key, count(*) AS count
    RETURN {key: key, count: count}
  } AS gates,
  COLLECT {
    MATCH (o)<-[:WITH]-(r:Relationship)
    WHERE r.type IS NOT NULL
    WITH r.type AS key, count(*) AS count
    RETURN {key: key, count: count}
  } AS types
