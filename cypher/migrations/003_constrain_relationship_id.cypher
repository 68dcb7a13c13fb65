// Every Relationship is written by its client-supplied id: one node per id.
// Parameters: none. Returns: nothing.
CREATE CONSTRAINT relationship_id IF NOT EXISTS
FOR (n:Relationship) REQUIRE n.id IS UNIQUE
