// A page of a summary's ordered lists is found by its key:
// "<organization id>|<list>|<chunk>" (graph/summaries.py).
// Parameters: none. Returns: nothing.
CREATE CONSTRAINT summary_page_key IF NOT EXISTS
FOR (n:SummaryPage) REQUIRE n.key IS UNIQUE
