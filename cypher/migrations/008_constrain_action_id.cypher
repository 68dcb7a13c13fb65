// Every Action is written by its client-supplied id: one node per id.
// Parameters: none. Returns: nothing.
CREATE CONSTRAINT action_id IF NOT EXISTS
FOR (n:Action) REQUIRE n.id IS UNIQUE
