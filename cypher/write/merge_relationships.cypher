// Creates the Relationship of each customer and organization on first
// contact; `since` becomes the earliest time any write has shown for it.
// Parameters: $rows (list of {id, customer, organization, since}),
//   $scopeOrganizationId (string: the caller's organization, or null for
//   every organization; rows of another organization are not written).
// Returns: written (integer, rows written).
UNWIND $rows AS row
MATCH (c:Customer {id: row.customer})
MATCH (o:Organization {id: row.organization})
WHERE $scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId
MERGE (r:Relationship {id: row.id})
ON CREATE SET r.since = row.since
SET r.since = CASE WHEN row.since < r.since THEN row.since ELSE r.since END
MERGE (c)-[:IN]->(r)
MERGE (r)-[:WITH]->(o)
RETURN count(*) AS written
