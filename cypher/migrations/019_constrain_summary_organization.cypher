// One summary per organization (graph/summaries.py).
// Parameters: none. Returns: nothing.
CREATE CONSTRAINT organization_summary_id IF NOT EXISTS
FOR (n:OrganizationSummary) REQUIRE n.organizationId IS UNIQUE
