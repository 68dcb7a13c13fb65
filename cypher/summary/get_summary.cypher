// One organization's summary, if it has been computed.
// Parameters: $organizationId (string),
//   $scopeOrganizationId (string, or null for every organization).
// Returns: no row when there is none (or it is out of scope), else
//   summary (map of every property of the OrganizationSummary).
MATCH (s:OrganizationSummary {organizationId: $organizationId})
WHERE s.computedAt IS NOT NULL
  AND ($scopeOrganizationId IS NULL OR s.organizationId = $scopeOrganizationId)
RETURN s {.*} AS summary
