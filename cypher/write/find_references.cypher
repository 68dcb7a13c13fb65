// Which of the given ids exist, and who owns the roles, actions, touchpoints
// and goodwill signals among them; read once before a batch of events is
// written, so that a batch costs one round trip to check, not one per event.
// Each lookup starts at the node with the id, so that its unique index is used.
// Parameters: $organizations, $customers, $partners, $roles, $actions,
//   $touchpoints, $signals (lists of ids; each may be empty).
// Returns: organizations, customers, partners (lists of the ids that exist);
//   roles, actions (lists of {id, organization});
//   touchpoints, signals (lists of {id, relationship}).
CALL () {
  UNWIND $organizations AS id
  MATCH (o:Organization {id: id})
  RETURN collect(o.id) AS organizations
}
CALL () {
  UNWIND $customers AS id
  MATCH (c:Customer {id: id})
  RETURN collect(c.id) AS customers
}
CALL () {
  UNWIND $partners AS id
  MATCH (p:Partner {id: id})
  RETURN collect(p.id) AS partners
}
CALL () {
  UNWIND $roles AS id
  MATCH (r:Role {id: id})
  MATCH (r)<-[:OFFERS]-(o:Organization)
  RETURN collect({id: r.id, organization: o.id}) AS roles
}
CALL () {
  UNWIND $actions AS id
  MATCH (a:Action {id: id})
  MATCH (a)<-[:OFFERS]-(o:Organization)
  RETURN collect({id: a.id, organization: o.id}) AS actions
}
CALL () {
  UNWIND $touchpoints AS id
  MATCH (t:Touchpoint {id: id})
  MATCH (t)<-[:HAD]-(r:Relationship)
  RETURN collect({id: t.id, relationship: r.id}) AS touchpoints
}
CALL () {
  UNWIND $signals AS id
  MATCH (s:GoodwillSignal {id: id})
  MATCH (s)<-[:SIGNALLED]-(r:Relationship)
  RETURN collect({id: s.id, relationship: r.id}) AS signals
}
RETURN
  organizations, customers, partners, roles, actions, touchpoints, signals
