// Stores an API key for machine clients: only its salted SHA-256 hash, never
// the key itself. Keyed by the key's random id, so a retried write is a no-op.
// Parameters: $id (string), $hash (string, "sha256:<salt>:<digest>"),
//   $role (string), $org (string or null), $partner (string or null).
// Returns: id (string), createdAt (datetime).
MERGE (k:ApiKey {id: $id})
ON CREATE SET
  k.hash = $hash,
  k.role = $role,
  k.org = $org,
  k.partner = $partner,
  k.createdAt = datetime()
RETURN k.id AS id, k.createdAt AS createdAt
