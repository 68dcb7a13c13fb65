// Customers by id, for `customer(id)` and the customer of each Relationship.
// Parameters: $ids (list of Customer ids; unknown ids give no row).
// Returns: customer (map of id, name, email, createdAt).
UNWIND $ids AS id
MATCH (c:Customer {id: id})
RETURN c {.id, .name, .email, .createdAt} AS customer
