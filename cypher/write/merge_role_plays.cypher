// Sets the status of customers in roles: one PLAYS per customer and role.
// A row older than the stored `since` is ignored, so that replaying old
// events never overwrites a newer status.
// Parameters: $rows (list of {customer, role, status, since}),
//   $scopeOrganizationId (string: the caller's organization, or null for
//   every organization; rows of another organization are not written).
// Returns: written (integer, rows applied).
UNWIND $rows AS row
MATCH (c:Customer {id: row.customer})
MATCH (r:Role {id: row.role})<-[:OFFERS]-(o:Organization)
WHERE $scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId
MERGE (c)-[p:PLAYS]->(r)
WITH p, row
WHERE p.since IS NULL OR p.since <= row.since
SET p.since = row.since, p.status = row.status
RETURN count(*) AS written
