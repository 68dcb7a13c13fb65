// Filters and sorts on Relationship.tier use this index.
// Parameters: none. Returns: nothing.
CREATE INDEX relationship_tier IF NOT EXISTS
FOR (n:Relationship) ON (n.tier)
