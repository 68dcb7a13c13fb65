// An organization's action catalogue, for the effectiveness of each action.
// Parameters: $organization (Organization id),
//   $scopeOrganizationId (string, or null for every organization).
// Returns no row when the organization is not found in scope, else one row:
//   organization (string); actions (list of {id, key, kind, need, gate,
//   goodwillCost, cooldownDays, channel}, in key order).
MATCH (o:Organization {id: $organization})
WHERE $scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId
RETURN
  o.id AS organization,
  COLLECT {
    MATCH (o)-[:OFFERS]->(a:Action)
    RETURN a {
      .id, .key, .kind, .need, .gate, .goodwillCost, .cooldownDays, .channel
    } AS action
    ORDER BY a.key, a.id
  } AS actions
