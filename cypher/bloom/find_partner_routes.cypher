// Bloom search phrase "How $customer reaches $partner": every way a customer
// meets a partner: touchpoints that went through the partner, roles the
// partner hosts that the customer plays, and organizations of the customer
// that the partner works with.
// Parameters: $customer (string, the customer's name), $partner (string, the
//   partner's name).
// Returns: path (from the customer to the partner), one row per route.
MATCH
  path = (:Customer {name: $customer})-[:IN]->(:Relationship)-[:HAD]->
    (:Touchpoint)-[:VIA]->(:Partner {name: $partner})
RETURN path
UNION
MATCH
  path = (:Customer {name: $customer})-[:PLAYS]->(:Role)<-[:HOSTS]-
    (:Partner {name: $partner})
RETURN path
UNION
MATCH
  path = (:Customer {name: $customer})-[:IN]->(:Relationship)-[:WITH]->
    (:Organization)<-[:PARTNERS_WITH]-(:Partner {name: $partner})
RETURN path
