// Lists the API keys without their hashes, newest first.
// Parameters: none.
// Returns: id, role (strings), org, partner (strings or null),
//   createdAt (datetime), one row per key.
MATCH (k:ApiKey)
RETURN
  k.id AS id,
  k.role AS role,
  k.org AS org,
  k.partner AS partner,
  k.createdAt AS createdAt
ORDER BY k.createdAt DESC, k.id
