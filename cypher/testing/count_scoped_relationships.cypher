// TEST ONLY: never called by the service. Counts relationships the way every
// organization-scoped statement must filter them, to show the convention of
// resolvers.permissions.scope_of working in the database.
// Parameters: $scopeOrganizationId (string, or null for every organization),
//   $scopePartnerId (string or null; not used here).
// Returns: relationships (integer).
MATCH (:Customer)-[:IN]->(r:Relationship)-[:WITH]->(o:Organization)
WHERE $scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId
RETURN count(r) AS relationships
