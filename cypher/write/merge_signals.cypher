// Records goodwill signals of relationships.
// Parameters: $rows (list of {id, relationship, kind, weight, at}).
// Returns: written (integer, rows written).
UNWIND $rows AS row
MATCH (r:Relationship {id: row.relationship})
MERGE (s:GoodwillSignal {id: row.id})
SET s.at = row.at, s.kind = row.kind, s.weight = row.weight
MERGE (r)-[:SIGNALLED]->(s)
RETURN count(*) AS written
