// Organizations by id.
// Parameters: $ids (list of Organization ids; unknown ids and those out of
//   scope give no row),
//   $scopeOrganizationId (string, or null for every organization).
// Returns: organization (map of id, name).
UNWIND $ids AS id
MATCH (o:Organization {id: id})
WHERE $scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId
RETURN o {.id, .name} AS organization
