// An organization's role ladder, with the customers who hold each role
// ACTIVE and their features, which the likeness of a candidate is measured
// against (sir/opportunities.py).
// Parameters: $organization (Organization id),
//   $scopeOrganizationId (string, or null for every organization).
// Returns no row when the organization is not found in scope, else one row
// per Role it offers (one row with a null id when it offers none):
//   organization, id, key, name (string); rung (integer);
//   capacity (integer or null); partners (list of {id, name} of the
//   Partners that host it);
//   holders (list of lists of strings: the features of each customer with an
//     ACTIVE PLAYS: "channel:" + channel of each touchpoint, "partner:" + id
//     of each partner a touchpoint went via, "need:" + key of each need a
//     touchpoint met (fulfilment above 0), "role:" + id of each of the
//     organization's roles played; duplicates possible).
// TODO: the features of every ACTIVE holder are read on each call, so the
// opportunities of a large organization take seconds (bench/: 3 s at
// 100,000 customers); keep each role's holder profile on the Role node and
// refresh it when a PLAYS edge changes.
MATCH (o:Organization {id: $organization})
WHERE $scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId
OPTIONAL MATCH (o)-[:OFFERS]->(role:Role)
CALL (o, role) {
  OPTIONAL MATCH (role)<-[p:PLAYS]-(c:Customer)
  WHERE p.status = 'ACTIVE'
  OPTIONAL MATCH (c)-[:IN]->(r:Relationship)-[:WITH]->(o)
  RETURN collect(
    CASE WHEN c IS NULL THEN null ELSE
      [(r)-[:HAD]->(t:Touchpoint) | 'channel:' + t.channel]
      + [(r)-[:HAD]->(:Touchpoint)-[:VIA]->(q:Partner) | 'partner:' + q.id]
      + [(r)-[:HAD]->(:Touchpoint)-[f:ADDRESSED]->(n:Need)
          WHERE f.fulfilment > 0 | 'need:' + n.key]
      + [(c)-[:PLAYS]->(x:Role)<-[:OFFERS]-(o) | 'role:' + x.id]
    END
  ) AS holders
}
RETURN
  o.id AS organization,
  role.id AS id,
  role.key AS key,
  role.name AS name,
  role.rung AS rung,
  role.capacity AS capacity,
  [(role)<-[:HOSTS]-(q:Partner) | q {.id, .name}] AS partners,
  holders
ORDER BY rung, id
