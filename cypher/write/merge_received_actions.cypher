// Records that relationships received actions of the catalogue, and how the
// customer responded: one RECEIVED per relationship, action and time.
// Parameters: $rows (list of {relationship, action, at, outcome}),
//   $scopeOrganizationId (string: the caller's organization, or null for
//   every organization; rows of another organization are not written).
// Returns: written (integer, rows written).
UNWIND $rows AS row
MATCH (r:Relationship {id: row.relationship})-[:WITH]->(o:Organization)
WHERE $scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId
MATCH (a:Action {id: row.action})
MERGE (r)-[x:RECEIVED {at: row.at}]->(a)
SET x.outcome = row.outcome
RETURN count(*) AS written
