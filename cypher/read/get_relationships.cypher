// Relationships by id with their stored state, for `relationship(id)`.
// Parameters: $ids (list of Relationship ids; unknown ids give no row).
// Returns: relationship (map of every property of the Relationship, plus
//   customer and organization: the ids of its two ends).
UNWIND $ids AS id
MATCH (c:Customer)-[:IN]->(r:Relationship {id: id})-[:WITH]->(o:Organization)
RETURN r {.*, customer: c.id, organization: o.id} AS relationship
