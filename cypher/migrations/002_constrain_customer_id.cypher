// Every Customer is written by its client-supplied id: one node per id.
// Parameters: none. Returns: nothing.
CREATE CONSTRAINT customer_id IF NOT EXISTS
FOR (n:Customer) REQUIRE n.id IS UNIQUE
