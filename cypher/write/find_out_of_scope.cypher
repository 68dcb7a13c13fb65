// Which customers and partners named by a batch lie outside the caller's
// organization, read before the batch is written by a caller limited to one
// organization (graph/write_scope.py). A customer is outside when it has
// relationships but none with the organization: it belongs to others. A
// partner is outside when it does not partner with the organization.
// Parameters: $scopeOrganizationId (string: the caller's organization),
//   $customers (list of Customer ids the batch writes),
//   $partners (list of Partner ids the batch's touchpoints go via).
// Returns one row: customers, partners (lists of the ids outside).
CALL () {
  UNWIND $customers AS id
  MATCH (c:Customer {id: id})
  WHERE EXISTS { (c)-[:IN]->(:Relationship) }
    AND NOT EXISTS {
      (c)-[:IN]->(:Relationship)-[:WITH]->(:Organization {id: $scopeOrganizationId})
    }
  RETURN collect(c.id) AS customers
}
CALL () {
  UNWIND $partners AS id
  MATCH (p:Partner {id: id})
  WHERE NOT EXISTS {
    (p)-[:PARTNERS_WITH]->(:Organization {id: $scopeOrganizationId})
  }
  RETURN collect(p.id) AS partners
}
RETURN customers, partners
