// How many customers `list_customers` would list over all pages.
// Parameters: $search, $byRelationship, $organizationId, $tier, $gate,
//   $type, $atRisk, $scopeOrganizationId, as in list_customers.
// Returns: count (integer).
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
  RETURN count(r) AS matching
}
WITH c, matching
// A caller limited to one organization never sees a customer without a
// relationship with it, filters or not.
WHERE matching > 0 OR (NOT $byRelationship AND $scopeOrganizationId IS NULL)
RETURN count(c) AS count
