// The smallest query that proves the database answers.
// Parameters: none.
// Returns: ok (integer 1).
RETURN 1 AS ok
