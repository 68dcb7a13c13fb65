// Store one organization's summary and the pages of its ordered lists,
// after `delete_summary_pages` in the same transaction; releases the claim.
// Parameters: $organizationId (string), $summary (map of the summary's
//   properties), $pages (list of maps: key, organizationId, list, chunk,
//   items).
// Returns: pages (integer, how many were written).
MERGE (s:OrganizationSummary {organizationId: $organizationId})
SET s += $summary, s.claimedUntil = null
WITH s
UNWIND $pages AS page
MERGE (p:SummaryPage {key: page.key})
SET p += page
RETURN count(p) AS pages
