// Pages of a summary's ordered lists, by key.
// Parameters: $keys (list of page keys),
//   $scopeOrganizationId (string, or null for every organization).
// Returns: chunk (integer), items (list of strings), one row per page found.
UNWIND $keys AS key
MATCH (p:SummaryPage {key: key})
WHERE $scopeOrganizationId IS NULL OR p.organizationId = $scopeOrganizationId
RETURN p.chunk AS chunk, p.items AS items
ORDER BY chunk
