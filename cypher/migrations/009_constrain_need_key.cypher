// The three needs are shared nodes, one per key.
// Parameters: none. Returns: nothing.
CREATE CONSTRAINT need_key IF NOT EXISTS
FOR (n:Need) REQUIRE n.key IS UNIQUE
