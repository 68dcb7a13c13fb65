// Records the answer to a proposed step on its RECOMMENDED edge.
// Parameters: $relationship (Relationship id), $action (Action id),
//   $status (ACCEPTED, REJECTED or COMPLETED), $at (datetime of the answer).
// Returns: status (string), respondedAt (datetime); no row when the step
//   was never proposed.
MATCH (r:Relationship {id: $relationship})-[m:RECOMMENDED]->(a:Action {id: $action})
SET m.status = $status, m.respondedAt = $at
RETURN m.status AS status, m.respondedAt AS respondedAt
