// The organizations whose relationships had a State stored after a moment,
// each with the newest such moment. Every write refreshes the states it
// touches, so this is what changed since then. It reads the stateAt of
// every relationship (an index on it made every state write slower by a
// fifth on the embedded server, for a look taken twice a minute at most).
// Parameters: $since (datetime, exclusive).
// Returns: id (Organization id), changedAt (datetime).
MATCH (r:Relationship)
WHERE r.stateAt > $since
MATCH (r)-[:WITH]->(o:Organization)
RETURN o.id AS id, max(r.stateAt) AS changedAt
