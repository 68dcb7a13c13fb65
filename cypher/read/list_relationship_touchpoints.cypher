// One page of the touchpoints of many relationships, newest first.
// Parameters: $ids (list of Relationship ids), $skip, $limit (integers: the
//   same window for every relationship),
//   $scopeOrganizationId (string, or null for every organization).
// Returns: id (string, the Relationship id), total (integer, all its
//   touchpoints), items (list of maps: id, at, channel, kind, initiatedBy,
//   effort, note, answered, partner (id or null),
//   needs (list of {need, fulfilment})).
UNWIND $ids AS id
MATCH (r:Relationship {id: id})-[:WITH]->(o:Organization)
WHERE $scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId
CALL (r) {
  MATCH (r)-[:HAD]->(t:Touchpoint)
  WITH t
  ORDER BY t.at DESC, t.id
  SKIP $skip
  LIMIT $limit
  RETURN collect(t {
    .id, .at, .channel, .kind, .initiatedBy, .effort, .note, .answered,
    partner: head([(t)-[:VIA]->(p:Partner) | p.id]),
    needs: [(t)-[a:ADDRESSED]->(n:Need) | {need: n.key, fulfilment: a.fulfilment}]
  }) AS items
}
RETURN r.id AS id, COUNT { (r)-[:HAD]->(:Touchpoint) } AS total, items
