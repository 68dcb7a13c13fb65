// Records goodwill signals of relationships.
// Parameters: $rows (list of {id, relationship, kind, weight, at}),
//   $scopeOrganizationId (string: the caller's organization, or null for
//   every organization; rows of another organization are not written).
// Returns: written (integer, rows written).
UNWIND $rows AS row
MATCH (r:Relationship {id: row.relationship})-[:WITH]->(o:Organization)
WHERE $scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId
MERGE (s:GoodwillSignal {id: row.id})
SET s.at = row.at, s.kind = row.kind, s.weight = row.weight
MERGE (r)-[:SIGNALLED]->(s)
RETURN count(*) AS written
