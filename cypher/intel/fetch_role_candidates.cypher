// The customers of an organization who aspire to (ASPIRES_TO) or explore
// (PLAYS with status EXPLORING) one of its roles and whose relationship
// passed the RESOURCE gate or passed CONNECTION with a relationship quality
// of at least $minQuality; sir/opportunities.py decides the rest.
// Parameters: $organization (Organization id),
//   $connectWeight (float: the share of connect in relationship quality, the
//   rest being goodwill / 100), $minQuality (float),
//   $scopeOrganizationId (string, or null for every organization).
// Returns one row per candidate customer:
//   customer, relationship, gate (string); goodwill, connect (float);
//   customerNode (map: id, name, email, createdAt of the Customer);
//   held (list of {role, status}): the organization's roles the customer
//     PLAYS;
//   aspirations (list of {role, clarity, motivation, ability});
//   features (list of strings, as in fetch_role_ladder, from the stored
//     touchpointFeatures when the relationship has them).
MATCH (o:Organization {id: $organization})-[:OFFERS]->(:Role)<-[i]-(c:Customer)
WHERE
  ($scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId)
  AND (
    type(i) = 'ASPIRES_TO'
    OR (type(i) = 'PLAYS' AND i.status = 'EXPLORING')
  )
WITH DISTINCT o, c
MATCH (c)-[:IN]->(r:Relationship)-[:WITH]->(o)
WHERE
  r.gate = 'RESOURCE'
  OR (
    r.gate = 'CONNECTION'
    AND $connectWeight * r.connect + (1 - $connectWeight) * r.goodwill / 100.0
      >= $minQuality
  )
RETURN
  c.id AS customer,
  c {.id, .name, .email, .createdAt} AS customerNode,
  r.id AS relationship,
  r.gate AS gate,
  r.goodwill AS goodwill,
  r.connect AS connect,
  [(c)-[p:PLAYS]->(x:Role)<-[:OFFERS]-(o) | {role: x.id, status: p.status}]
    AS held,
  [(c)-[s:ASPIRES_TO]->(x:Role)<-[:OFFERS]-(o) | {
    role: x.id, clarity: s.clarity, motivation: s.motivation,
    ability: s.ability
  }] AS aspirations,
  coalesce(r.touchpointFeatures,
    [(r)-[:HAD]->(t:Touchpoint) | 'channel:' + t.channel]
    + [(r)-[:HAD]->(:Touchpoint)-[:VIA]->(q:Partner) | 'partner:' + q.id]
    + [(r)-[:HAD]->(:Touchpoint)-[f:ADDRESSED]->(n:Need)
        WHERE f.fulfilment > 0 | 'need:' + n.key])
    + [(c)-[:PLAYS]->(x:Role)<-[:OFFERS]-(o) | 'role:' + x.id] AS features
ORDER BY customer
