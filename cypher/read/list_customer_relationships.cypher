// The relationships of many customers, with their stored state.
// Parameters: $ids (list of Customer ids),
//   $scopeOrganizationId (string, or null for every organization).
// Returns: customer (string, the Customer id), relationship (map of every
//   property of the Relationship, plus customer and organization ids);
//   one row per relationship, ordered by customer and organization id.
UNWIND $ids AS id
MATCH (c:Customer {id: id})-[:IN]->(r:Relationship)-[:WITH]->(o:Organization)
WHERE $scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId
RETURN c.id AS customer, r {.*, customer: c.id, organization: o.id} AS relationship
ORDER BY customer, o.id
