// Every GoodwillSignal is written by its client-supplied id: one node per id.
// Parameters: none. Returns: nothing.
CREATE CONSTRAINT signal_id IF NOT EXISTS
FOR (n:GoodwillSignal) REQUIRE n.id IS UNIQUE
