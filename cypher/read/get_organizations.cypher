// Organizations by id.
// Parameters: $ids (list of Organization ids; unknown ids give no row).
// Returns: organization (map of id, name).
UNWIND $ids AS id
MATCH (o:Organization {id: id})
RETURN o {.id, .name} AS organization
