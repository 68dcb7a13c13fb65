// Give up a claim on a summary's refresh after the refresh failed.
// Parameters: $organizationId (string).
// Returns: nothing.
MATCH (s:OrganizationSummary {organizationId: $organizationId})
SET s.claimedUntil = null
