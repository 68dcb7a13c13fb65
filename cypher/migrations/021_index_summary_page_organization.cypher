// A refresh replaces every page of one organization's summary.
// Parameters: none. Returns: nothing.
CREATE INDEX summary_page_organization IF NOT EXISTS
FOR (n:SummaryPage) ON (n.organizationId)
