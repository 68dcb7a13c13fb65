// Remove every page of one organization's summary before new ones are
// written, in the same transaction.
// Parameters: $organizationId (string).
// Returns: nothing.
MATCH (p:SummaryPage)
WHERE p.organizationId = $organizationId
DETACH DELETE p
