// One page of the customers a partner may see: those who play or aspire to a
// role the partner hosts, with those roles only, ordered by customer id.
// Nothing else of the customer leaves this statement: no goodwill, needs,
// touchpoints or signals, and no role that another partner hosts.
// Parameters: $partnerId (string), $skip, $limit (integers, the page),
//   $maxRoles (integer, roles listed per customer at most),
//   $scopePartnerId (string: the caller's own partner, or null for every
//   partner; another partner's customers give no row).
// Returns: total (integer, customers in all pages), customers (list of
//   {id, name, roles: list of {id, key, name, relation, status}}), where
//   relation is PLAYS or ASPIRES_TO and status is null for ASPIRES_TO.
MATCH (p:Partner {id: $partnerId})
WHERE $scopePartnerId IS NULL OR p.id = $scopePartnerId
CALL (p) {
  MATCH (p)-[:HOSTS]->(:Role)<-[:PLAYS|ASPIRES_TO]-(c:Customer)
  RETURN count(DISTINCT c) AS total
}
CALL (p) {
  MATCH (p)-[:HOSTS]->(r:Role)<-[h:PLAYS|ASPIRES_TO]-(c:Customer)
  WITH c, r, h
  ORDER BY r.id, type(h)
  WITH
    c,
    collect({
      id: r.id,
      key: r.key,
      name: r.name,
      relation: type(h),
      status: h.status
    }) AS roles
  ORDER BY c.id
  SKIP $skip
  LIMIT $limit
  RETURN collect({id: c.id, name: c.name, roles: roles[..$maxRoles]}) AS customers
}
RETURN total, customers
