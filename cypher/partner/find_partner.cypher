// Finds a partner for its portal.
// Parameters: $partnerId (string).
// Returns: id, name (strings); no row when there is no such partner.
MATCH (p:Partner {id: $partnerId})
RETURN p.id AS id, p.name AS name
