// Filters and sorts on Relationship.gate use this index.
// Parameters: none. Returns: nothing.
CREATE INDEX relationship_gate IF NOT EXISTS
FOR (n:Relationship) ON (n.gate)
