// Counts of the main kinds of node, for the service's own status query.
// Parameters: none.
// Returns: organizations, customers, relationships, touchpoints (integers).
RETURN
  COUNT { MATCH (o:Organization) RETURN o } AS organizations,
  COUNT { MATCH (c:Customer) RETURN c } AS customers,
  COUNT { MATCH (r:Relationship) RETURN r } AS relationships,
  COUNT { MATCH (t:Touchpoint) RETURN t } AS touchpoints
