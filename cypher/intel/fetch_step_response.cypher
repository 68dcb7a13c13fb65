// What answering a proposed step depends on: whether the Relationship and
// the Action exist, whether the relationship's organization offers the
// action, and the status of the step. Every pattern names its nodes by id
// instead of reusing a variable that may be null: ArcadeDB matches a null
// variable as if it were unbound.
// Parameters: $relationship (Relationship id), $action (Action id),
//   $scopeOrganizationId (string, or null for every organization).
// Returns one row: relationship (id or null when not found in scope),
//   action (id or null when not found), offered (boolean: the relationship's
//   organization offers the action), status, respondedAt (of the
//   RECOMMENDED edge; null when the step was never proposed).
OPTIONAL MATCH (r:Relationship {id: $relationship})-[:WITH]->(o:Organization)
WHERE $scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId
OPTIONAL MATCH (a:Action {id: $action})
OPTIONAL MATCH
  (:Relationship {id: $relationship})-[:WITH]->(:Organization)
    -[:OFFERS]->(offered:Action {id: $action})
OPTIONAL MATCH (:Relationship {id: $relationship})-[m:RECOMMENDED]->(:Action {id: $action})
RETURN
  r.id AS relationship,
  a.id AS action,
  offered IS NOT NULL AS offered,
  m.status AS status,
  m.respondedAt AS respondedAt
