// Records that relationships received actions of the catalogue, and how the
// customer responded: one RECEIVED per relationship, action and time.
// Parameters: $rows (list of {relationship, action, at, outcome}).
// Returns: written (integer, rows written).
UNWIND $rows AS row
MATCH (r:Relationship {id: row.relationship})
MATCH (a:Action {id: row.action})
MERGE (r)-[x:RECEIVED {at: row.at}]->(a)
SET x.outcome = row.outcome
RETURN count(*) AS written
