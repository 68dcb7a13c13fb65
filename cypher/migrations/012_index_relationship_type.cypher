// Filters and sorts on Relationship.type use this index.
// Parameters: none. Returns: nothing.
CREATE INDEX relationship_type IF NOT EXISTS
FOR (n:Relationship) ON (n.type)
