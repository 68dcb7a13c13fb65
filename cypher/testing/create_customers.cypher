// TEST ONLY: never called by the service. Creates many plain customers at
// once, so that a test can make a query legitimately slow.
// Parameters: $prefix (string, start of each id), $count (integer).
// Returns: created (integer).
UNWIND range(1, $count) AS i
MERGE (c:Customer {id: $prefix + toString(i)})
SET c.name = 'Customer ' + toString(i)
RETURN count(c) AS created
