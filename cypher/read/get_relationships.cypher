// Relationships by id with their stored state, for `relationship(id)`.
// Parameters: $ids (list of Relationship ids; unknown ids and those out of
//   scope give no row),
//   $scopeOrganizationId (string, or null for every organization).
// Returns: relationship (map of every property of the Relationship, plus
//   customer and organization: the ids of its two ends).
UNWIND $ids AS id
MATCH (c:Customer)-[:IN]->(r:Relationship {id: id})-[:WITH]->(o:Organization)
WHERE $scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId
RETURN r {.*, customer: c.id, organization: o.id} AS relationship
