// Customers by id, for `customer(id)` and the customer of each Relationship.
// A caller limited to one organization sees only the customers that have a
// relationship with it.
// Parameters: $ids (list of Customer ids; unknown ids give no row),
//   $scopeOrganizationId (string, or null for every organization).
// Returns: customer (map of id, name, email, createdAt).
UNWIND $ids AS id
MATCH (c:Customer {id: id})
WHERE $scopeOrganizationId IS NULL
  OR EXISTS {
    (c)-[:IN]->(:Relationship)-[:WITH]->(:Organization {id: $scopeOrganizationId})
  }
RETURN c {.id, .name, .email, .createdAt} AS customer
