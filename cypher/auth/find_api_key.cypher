// Finds an API key by its id, to compare the hash of what a client sent.
// Parameters: $id (string).
// Returns: id, hash, role (strings), org, partner (strings or null),
//   createdAt (datetime); no row when there is no such key.
MATCH (k:ApiKey {id: $id})
RETURN
  k.id AS id,
  k.hash AS hash,
  k.role AS role,
  k.org AS org,
  k.partner AS partner,
  k.createdAt AS createdAt
