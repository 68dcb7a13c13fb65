// The at-risk relationships of one organization, lowest goodwill first.
// Parameters: $id (Organization id), $limit (integer).
// Returns: relationship (map of every property of the Relationship, plus
//   customer and organization ids).
MATCH (o:Organization {id: $id})<-[:WITH]-(r:Relationship)<-[:IN]-(c:Customer)
WHERE r.atRisk = true
RETURN r {.*, customer: c.id, organization: o.id} AS relationship
ORDER BY r.goodwill, r.id
LIMIT $limit
