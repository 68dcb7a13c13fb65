// One page of the customers of one organization, filtered by their
// relationship with it and sorted: `list_customers` for a caller or filter
// limited to one organization. It starts from that organization, so that it
// reads its relationships only, not every customer of the graph.
// Customers without a sort value (never profiled) come last either way.
// Parameters: $organizationId (string), $search (lower-case string or null:
//   part of name or e-mail), $tier, $gate, $type (strings or null),
//   $atRisk (boolean or null),
//   $orderBy ('NAME', 'GOODWILL' or 'GOODWILL_CHANGE'),
//   $descending (boolean), $skip, $limit (integers),
//   $scopeOrganizationId (string, or null for every organization).
// Returns: customer (map of id, name, email, createdAt), in page order.
MATCH (o:Organization {id: $organizationId})<-[:WITH]-(r:Relationship)<-[:IN]-(c:Customer)
WHERE ($scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId)
  AND ($tier IS NULL OR r.tier = $tier)
  AND ($gate IS NULL OR r.gate = $gate)
  AND ($type IS NULL OR r.type = $type)
  AND ($atRisk IS NULL OR r.atRisk = $atRisk)
  AND ($search IS NULL
    OR toLower(c.name) CONTAINS $search
    OR toLower(coalesce(c.email, '')) CONTAINS $search)
WITH c, CASE $orderBy
    WHEN 'GOODWILL' THEN r.goodwill
    WHEN 'GOODWILL_CHANGE' THEN r.goodwillTrend
    ELSE toLower(c.name)
  END AS key
// As in list_customers: the direction cannot be a parameter.
ORDER BY
  CASE WHEN key IS NULL THEN 1 ELSE 0 END,
  CASE WHEN $descending THEN key END DESC,
  CASE WHEN $descending THEN null ELSE key END ASC,
  c.id
SKIP $skip
LIMIT $limit
RETURN c {.id, .name, .email, .createdAt} AS customer
