// One page of customers, filtered by their relationships and sorted.
// A customer matches when one of its relationships matches every filter
// given; GOODWILL and GOODWILL_CHANGE sort by the highest among those.
// Customers without a sort value (never profiled) come last either way.
// Parameters: $search (lower-case string or null: part of name or e-mail),
//   $byRelationship (boolean: whether any relationship filter is given),
//   $organizationId, $tier, $gate, $type (strings or null),
//   $atRisk (boolean or null),
//   $orderBy ('NAME', 'GOODWILL' or 'GOODWILL_CHANGE'),
//   $descending (boolean), $skip, $limit (integers),
//   $scopeOrganizationId (string, or null for every organization).
// Returns: customer (map of id, name, email, createdAt), in page order.
MATCH (c:Customer)
WHERE $search IS NULL
  OR toLower(c.name) CONTAINS $search
  OR toLower(coalesce(c.email, '')) CONTAINS $search
CALL (c) {
  OPTIONAL MATCH (c)-[:IN]->(r:Relationship)-[:WITH]->(o:Organization)
  WHERE ($organizationId IS NULL OR o.id = $organizationId)
    AND ($scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId)
    AND ($tier IS NULL OR r.tier = $tier)
    AND ($gate IS NULL OR r.gate = $gate)
    AND ($type IS NULL OR r.type = $type)
    AND ($atRisk IS NULL OR r.atRisk = $atRisk)
  RETURN
    count(r) AS matching,
    max(r.goodwill) AS goodwill,
    max(r.goodwillTrend) AS goodwillChange
}
WITH c, matching, goodwill, goodwillChange
// A caller limited to one organization never sees a customer without a
// relationship with it, filters or not.
WHERE matching > 0 OR (NOT $byRelationship AND $scopeOrganizationId IS NULL)
WITH c, CASE $orderBy
    WHEN 'GOODWILL' THEN goodwill
    WHEN 'GOODWILL_CHANGE' THEN goodwillChange
    ELSE toLower(c.name)
  END AS key
// The direction cannot be a parameter: one of the two middle keys is null
// on every row, so only the other one orders.
ORDER BY
  CASE WHEN key IS NULL THEN 1 ELSE 0 END,
  CASE WHEN $descending THEN key END DESC,
  CASE WHEN $descending THEN null ELSE key END ASC,
  c.id
SKIP $skip
LIMIT $limit
RETURN c {.id, .name, .email, .createdAt} AS customer
