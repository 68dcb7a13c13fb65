// An organization's role ladder, with the customers who hold each role
// ACTIVE and their features, which the likeness of a candidate is measured
// against (sir/opportunities.py).
// Parameters: $organization (Organization id), $holderSample (integer: the
//   most holders whose features are read per role),
//   $scopeOrganizationId (string, or null for every organization).
// Returns no row when the organization is not found in scope, else one row
// per Role it offers (one row with a null id when it offers none):
//   organization, id, key, name (string); rung (integer);
//   capacity (integer or null); partners (list of {id, name} of the
//   Partners that host it); active (integer: the customers who PLAY it
//   ACTIVE);
//   holders (list of lists of strings: the features of the newest
//     $holderSample customers with an ACTIVE PLAYS, by its since, then
//     customer id: "channel:" + channel of each touchpoint, "partner:" + id
//     of each partner a touchpoint went via, "need:" + key of each need a
//     touchpoint met (fulfilment above 0), "role:" + id of each of the
//     organization's roles played; duplicates possible). The touchpoint
//     features are those the last profile stored on the Relationship
//     (touchpointFeatures, graph/states.py), read from the touchpoints only
//     for a relationship never profiled since they were introduced.
MATCH (o:Organization {id: $organization})
WHERE $scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId
OPTIONAL MATCH (o)-[:OFFERS]->(role:Role)
CALL (o, role) {
  OPTIONAL MATCH (role)<-[p:PLAYS]-(c:Customer)
  WHERE p.status = 'ACTIVE'
  WITH o, c, p
  ORDER BY p.since DESC, c.id
  LIMIT $holderSample
  OPTIONAL MATCH (c)-[:IN]->(r:Relationship)-[:WITH]->(o)
  RETURN collect(
    CASE WHEN c IS NULL THEN null ELSE
      coalesce(r.touchpointFeatures,
        [(r)-[:HAD]->(t:Touchpoint) | 'channel:' + t.channel]
        + [(r)-[:HAD]->(:Touchpoint)-[:VIA]->(q:Partner) | 'partner:' + q.id]
        + [(r)-[:HAD]->(:Touchpoint)-[f:ADDRESSED]->(n:Need)
            WHERE f.fulfilment > 0 | 'need:' + n.key])
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
  COUNT { (role)<-[p:PLAYS]-(:Customer) WHERE p.status = 'ACTIVE' } AS active,
  holders
ORDER BY rung, id
