// Creates or updates partners and links each to the organization it partners
// with; a partner of several organizations is written once per organization.
// Parameters: $rows (list of {id, name, organization}).
// Returns: written (integer, rows written).
UNWIND $rows AS row
MATCH (o:Organization {id: row.organization})
MERGE (p:Partner {id: row.id})
SET p.name = row.name
MERGE (p)-[:PARTNERS_WITH]->(o)
RETURN count(*) AS written
