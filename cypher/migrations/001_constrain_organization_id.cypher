// Every Organization is written by its client-supplied id: one node per id.
// Parameters: none. Returns: nothing.
CREATE CONSTRAINT organization_id IF NOT EXISTS
FOR (n:Organization) REQUIRE n.id IS UNIQUE
