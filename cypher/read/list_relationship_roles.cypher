// One page of the roles the customer of each relationship plays among those
// its organization offers, highest rung first.
// Parameters: $ids (list of Relationship ids), $skip, $limit (integers: the
//   same window for every relationship),
//   $scopeOrganizationId (string, or null for every organization).
// Returns: id (string, the Relationship id), total (integer, all such
//   roles), items (list of maps: status, since, and role: a map of id, key,
//   name, rung, capacity).
UNWIND $ids AS id
// Anchored on the Relationship's unique id first: ArcadeDB starts a pattern
// at its first node, and from the Customer end it scans every customer;
// the same holds for the patterns after it, which start at r.
MATCH (r:Relationship {id: id})
MATCH (r)<-[:IN]-(c:Customer)
MATCH (r)-[:WITH]->(o:Organization)
WHERE $scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId
CALL (c, o) {
  MATCH (c)-[p:PLAYS]->(role:Role)<-[:OFFERS]-(o)
  WITH p, role
  ORDER BY role.rung DESC, role.id
  SKIP $skip
  LIMIT $limit
  // A map projection nested in a map literal loses the outer map on
  // ArcadeDB, hence the literal.
  RETURN collect({
    status: p.status,
    since: p.since,
    role: {
      id: role.id, key: role.key, name: role.name, rung: role.rung,
      capacity: role.capacity
    }
  }) AS items
}
RETURN
  r.id AS id,
  COUNT { (c)-[:PLAYS]->(:Role)<-[:OFFERS]-(o) } AS total,
  items
