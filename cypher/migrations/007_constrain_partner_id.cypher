// Every Partner is written by its client-supplied id: one node per id.
// Parameters: none. Returns: nothing.
CREATE CONSTRAINT partner_id IF NOT EXISTS
FOR (n:Partner) REQUIRE n.id IS UNIQUE
