// Every organization with what the summarizer needs to know of its summary.
// Parameters: none.
// Returns: id (Organization id), computedAt (datetime, or null when it has
//   no summary yet).
MATCH (o:Organization)
OPTIONAL MATCH (s:OrganizationSummary {organizationId: o.id})
RETURN o.id AS id, s.computedAt AS computedAt
ORDER BY id
