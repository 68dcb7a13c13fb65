// Finds a partner for its portal.
// Parameters: $partnerId (string),
//   $scopePartnerId (string: the caller's own partner, or null for every
//   partner).
// Returns: id, name (strings); no row when there is no such partner or it
//   is out of scope.
MATCH (p:Partner {id: $partnerId})
WHERE $scopePartnerId IS NULL OR p.id = $scopePartnerId
RETURN p.id AS id, p.name AS name
