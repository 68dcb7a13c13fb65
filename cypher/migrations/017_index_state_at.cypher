// Filters and sorts on RelationshipState.at use this index.
// Parameters: none. Returns: nothing.
CREATE INDEX state_at IF NOT EXISTS
FOR (n:RelationshipState) ON (n.at)
