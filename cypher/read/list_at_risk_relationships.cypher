// The at-risk relationships of one organization, lowest goodwill first.
// Parameters: $id (Organization id), $limit (integer),
//   $scopeOrganizationId (string, or null for every organization).
// Returns: relationship (map of every property of the Relationship, plus
//   customer and organization ids).
MATCH (o:Organization {id: $id})<-[:WITH]-(r:Relationship)<-[:IN]-(c:Customer)
WHERE r.atRisk = true
  AND ($scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId)
RETURN r {.*, customer: c.id, organization: o.id} AS relationship
ORDER BY r.goodwill, r.id
LIMIT $limit
