// Every Touchpoint is written by its client-supplied id: one node per id.
// Parameters: none. Returns: nothing.
CREATE CONSTRAINT touchpoint_id IF NOT EXISTS
FOR (n:Touchpoint) REQUIRE n.id IS UNIQUE
