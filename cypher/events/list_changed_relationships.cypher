// Relationships whose State was stored after a moment, oldest first: the
// poll by which a process learns of states that another process refreshed
// (graph/events.py).
// Parameters: $since (datetime, exclusive), $limit (integer).
// Returns: relationship (map of every property of the Relationship, plus
//   customer and organization: the ids of its two ends).
MATCH (r:Relationship)
WHERE r.stateAt > $since
MATCH (r)<-[:IN]-(c:Customer)
MATCH (r)-[:WITH]->(o:Organization)
RETURN r {.*, customer: c.id, organization: o.id} AS relationship
ORDER BY r.stateAt, r.id
LIMIT $limit
