// Creates or updates partners and links each to the organization it partners
// with; a partner of several organizations is written once per organization.
// Parameters: $rows (list of {id, name, organization}),
//   $scopeOrganizationId (string: the caller's organization, or null for
//   every organization; rows of another organization are not written).
// Returns: written (integer, rows written).
UNWIND $rows AS row
MATCH (o:Organization {id: row.organization})
WHERE $scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId
MERGE (p:Partner {id: row.id})
SET p.name = row.name
MERGE (p)-[:PARTNERS_WITH]->(o)
RETURN count(*) AS written
