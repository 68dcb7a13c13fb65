// The neighbourhood of one customer, for the graph view: its relationships
// and their organizations, its latest touchpoints with the needs they
// addressed and the partners they went through, and the roles it plays or
// aspires to with the organizations that offer them and the partners that
// host them. One row per edge; a customer without edges in scope gives one
// row with a null `type` and `target`, and a customer out of scope none.
// Parameters: $customerId (string); $touchpoints (integer, latest touchpoints
//   to include); $scopeOrganizationId (string, or null for every
//   organization).
// Returns: source ({id, label, caption, at}), type (string or null),
//   caption (string or null: PLAYS status, ADDRESSED fulfilment),
//   target ({id, label, caption, at} or null).
MATCH (c:Customer {id: $customerId})
WHERE $scopeOrganizationId IS NULL
  OR EXISTS {
    (c)-[:IN]->(:Relationship)-[:WITH]->(:Organization {id: $scopeOrganizationId})
  }
RETURN
  {id: 'Customer:' + c.id, label: 'Customer', caption: c.name, at: null} AS source,
  null AS type,
  null AS caption,
  null AS target
UNION ALL
MATCH (c:Customer {id: $customerId})-[:IN]->(r:Relationship)-[:WITH]->(o:Organization)
WHERE $scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId
RETURN
  {id: 'Customer:' + c.id, label: 'Customer', caption: c.name, at: null} AS source,
  'IN' AS type,
  null AS caption,
  {id: 'Relationship:' + r.id, label: 'Relationship', caption: coalesce(r.tier + ' · ' + r.gate, 'not profiled'), at: null} AS target
UNION ALL
MATCH (c:Customer {id: $customerId})-[:IN]->(r:Relationship)-[:WITH]->(o:Organization)
WHERE $scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId
RETURN
  {id: 'Relationship:' + r.id, label: 'Relationship', caption: coalesce(r.tier + ' · ' + r.gate, 'not profiled'), at: null} AS source,
  'WITH' AS type,
  null AS caption,
  {id: 'Organization:' + o.id, label: 'Organization', caption: o.name, at: null} AS target
UNION ALL
MATCH (c:Customer {id: $customerId})-[:IN]->(r:Relationship)-[:WITH]->(o:Organization)
WHERE $scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId
MATCH (r)-[:HAD]->(t:Touchpoint)
WITH r, t
ORDER BY t.at DESC, t.id
LIMIT $touchpoints
RETURN
  {id: 'Relationship:' + r.id, label: 'Relationship', caption: coalesce(r.tier + ' · ' + r.gate, 'not profiled'), at: null} AS source,
  'HAD' AS type,
  null AS caption,
  {id: 'Touchpoint:' + t.id, label: 'Touchpoint', caption: t.channel + ' ' + t.kind, at: t.at} AS target
UNION ALL
MATCH (c:Customer {id: $customerId})-[:IN]->(r:Relationship)-[:WITH]->(o:Organization)
WHERE $scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId
MATCH (r)-[:HAD]->(t:Touchpoint)
WITH t
ORDER BY t.at DESC, t.id
LIMIT $touchpoints
MATCH (t)-[a:ADDRESSED]->(n:Need)
RETURN
  {id: 'Touchpoint:' + t.id, label: 'Touchpoint', caption: t.channel + ' ' + t.kind, at: t.at} AS source,
  'ADDRESSED' AS type,
  toString(a.fulfilment) AS caption,
  {id: 'Need:' + n.key, label: 'Need', caption: n.key, at: null} AS target
UNION ALL
MATCH (c:Customer {id: $customerId})-[:IN]->(r:Relationship)-[:WITH]->(o:Organization)
WHERE $scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId
MATCH (r)-[:HAD]->(t:Touchpoint)
WITH t
ORDER BY t.at DESC, t.id
LIMIT $touchpoints
MATCH (t)-[:VIA]->(p:Partner)
RETURN
  {id: 'Touchpoint:' + t.id, label: 'Touchpoint', caption: t.channel + ' ' + t.kind, at: t.at} AS source,
  'VIA' AS type,
  null AS caption,
  {id: 'Partner:' + p.id, label: 'Partner', caption: p.name, at: null} AS target
UNION ALL
MATCH (c:Customer {id: $customerId})-[p:PLAYS|ASPIRES_TO]->(role:Role)<-[:OFFERS]-(o:Organization)
WHERE $scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId
RETURN
  {id: 'Customer:' + c.id, label: 'Customer', caption: c.name, at: null} AS source,
  type(p) AS type,
  p.status AS caption,
  {id: 'Role:' + role.id, label: 'Role', caption: role.name, at: null} AS target
UNION ALL
MATCH (c:Customer {id: $customerId})-[:PLAYS|ASPIRES_TO]->(role:Role)<-[:OFFERS]-(o:Organization)
WHERE $scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId
RETURN DISTINCT
  {id: 'Organization:' + o.id, label: 'Organization', caption: o.name, at: null} AS source,
  'OFFERS' AS type,
  null AS caption,
  {id: 'Role:' + role.id, label: 'Role', caption: role.name, at: null} AS target
UNION ALL
MATCH (c:Customer {id: $customerId})-[:PLAYS|ASPIRES_TO]->(role:Role)<-[:OFFERS]-(o:Organization)
WHERE $scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId
MATCH (role)<-[:HOSTS]-(partner:Partner)
RETURN DISTINCT
  {id: 'Partner:' + partner.id, label: 'Partner', caption: partner.name, at: null} AS source,
  'HOSTS' AS type,
  null AS caption,
  {id: 'Role:' + role.id, label: 'Role', caption: role.name, at: null} AS target
