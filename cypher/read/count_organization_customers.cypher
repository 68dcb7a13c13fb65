// How many customers `list_organization_customers` would list over all
// pages. It reads the customer only when a search needs its name.
// Parameters: $organizationId, $search, $tier, $gate, $type, $atRisk,
//   $scopeOrganizationId, as in list_organization_customers.
// Returns: count (integer).
MATCH (o:Organization {id: $organizationId})<-[:WITH]-(r:Relationship)
WHERE ($scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId)
  AND ($tier IS NULL OR r.tier = $tier)
  AND ($gate IS NULL OR r.gate = $gate)
  AND ($type IS NULL OR r.type = $type)
  AND ($atRisk IS NULL OR r.atRisk = $atRisk)
  AND ($search IS NULL OR EXISTS {
    MATCH (r)<-[:IN]-(c:Customer)
    WHERE toLower(c.name) CONTAINS $search
      OR toLower(coalesce(c.email, '')) CONTAINS $search
  })
RETURN count(r) AS count
