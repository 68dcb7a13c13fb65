// Creates or updates organizations by their client-supplied id.
// Parameters: $rows (list of {id, name}),
//   $scopeOrganizationId (string: the caller's organization, or null for
//   every organization; rows of another organization are not written).
// Returns: written (integer, rows written).
UNWIND $rows AS row
WITH row
WHERE $scopeOrganizationId IS NULL OR row.id = $scopeOrganizationId
MERGE (o:Organization {id: row.id})
SET o.name = row.name
RETURN count(*) AS written
