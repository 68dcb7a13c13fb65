// Relationships by id with their stored state, for `relationship(id)`.
// Parameters: $ids (list of Relationship ids; unknown ids and those out of
//   scope give no row),
//   $scopeOrganizationId (string, or null for every organization).
// Returns: relationship (map of every property of the Relationship, plus
//   customer and organization: the ids of its two ends).
UNWIND $ids AS id
// Anchored on the Relationship's unique id first: ArcadeDB starts a pattern
// at its first node, and from the Customer end it scans every customer;
// the same holds for the patterns after it, which start at r.
MATCH (r:Relationship {id: id})
MATCH (r)<-[:IN]-(c:Customer)
MATCH (r)-[:WITH]->(o:Organization)
WHERE $scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId
RETURN r {.*, customer: c.id, organization: o.id} AS relationship
