// Filters and sorts on Relationship.goodwill use this index.
// Parameters: none. Returns: nothing.
CREATE INDEX relationship_goodwill IF NOT EXISTS
FOR (n:Relationship) ON (n.goodwill)
