// Records customers' aspirations to roles with their readiness, each in
// [0, 1]: one ASPIRES_TO per customer and role, holding the latest answer.
// A row older than the stored `at` is ignored.
// Parameters: $rows (list of {customer, role, at, clarity, motivation,
//   ability}),
//   $scopeOrganizationId (string: the caller's organization, or null for
//   every organization; rows of another organization are not written).
// Returns: written (integer, rows applied).
UNWIND $rows AS row
MATCH (c:Customer {id: row.customer})
MATCH (r:Role {id: row.role})<-[:OFFERS]-(o:Organization)
WHERE $scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId
MERGE (c)-[a:ASPIRES_TO]->(r)
WITH a, row
WHERE a.at IS NULL OR a.at <= row.at
SET
  a.at = row.at,
  a.clarity = row.clarity,
  a.motivation = row.motivation,
  a.ability = row.ability
RETURN count(*) AS written
