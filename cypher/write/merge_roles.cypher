// Creates or updates the roles organizations offer; a role hosted by a
// partner gets (:Partner)-[:HOSTS]->(:Role), and loses any other host.
// Parameters: $rows (list of {id, organization, key, name, rung, capacity?,
//   partner?}),
//   $scopeOrganizationId (string: the caller's organization, or null for
//   every organization; rows of another organization are not written).
// Returns: written (integer, rows written).
UNWIND $rows AS row
MATCH (o:Organization {id: row.organization})
WHERE $scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId
MERGE (r:Role {id: row.id})
SET r.key = row.key, r.name = row.name, r.rung = row.rung, r.capacity = row.capacity
MERGE (o)-[:OFFERS]->(r)
WITH r, row
CALL (r, row) {
  MATCH (r)<-[h:HOSTS]-(p:Partner)
  WHERE row.partner IS NULL OR p.id <> row.partner
  DELETE h
}
CALL (r, row) {
  MATCH (p:Partner {id: row.partner})
  MERGE (p)-[:HOSTS]->(r)
}
RETURN count(*) AS written
