// Revokes an API key by deleting its node.
// Parameters: $id (string).
// Returns: deleted (integer, 1 when the key existed, else 0).
OPTIONAL MATCH (k:ApiKey {id: $id})
WITH k, CASE WHEN k IS NULL THEN 0 ELSE 1 END AS deleted
DETACH DELETE k
RETURN deleted
