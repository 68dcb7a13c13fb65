// Every Role is written by its client-supplied id: one node per id.
// Parameters: none. Returns: nothing.
CREATE CONSTRAINT role_id IF NOT EXISTS
FOR (n:Role) REQUIRE n.id IS UNIQUE
