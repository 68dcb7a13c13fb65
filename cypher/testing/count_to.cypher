// TEST ONLY: never called by the service. Counts through a long range of
// numbers, $rounds times over, without touching any data, so that a test can
// keep the database busy for seconds and show that the server cuts the
// statement off at the transaction timeout.
// Parameters: $count (integer, at most ArcadeDB's queryMaxRangeSize, which
//   grows with the heap), $rounds (integer).
// Returns: multiples (integer, how many of the numbers counted are multiples
//   of 7).
UNWIND range(1, $rounds) AS round
UNWIND range(1, $count) AS i
WITH i
WHERE i % 7 = 0
RETURN count(i) AS multiples
