// Records touchpoints of relationships, with the needs each addressed and
// the partner it went through. Writing a touchpoint again replaces its
// properties, its ADDRESSED needs and its VIA partner.
// Parameters: $rows (list of {id, relationship, at, channel, kind,
//   initiatedBy, effort?, note?, answered?, partner?,
//   needs: list of {need, fulfilment}}),
//   $scopeOrganizationId (string: the caller's organization, or null for
//   every organization; rows of another organization are not written).
// Returns: written (integer, rows written).
UNWIND $rows AS row
MATCH (r:Relationship {id: row.relationship})-[:WITH]->(o:Organization)
WHERE $scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId
MERGE (t:Touchpoint {id: row.id})
SET
  t.at = row.at,
  t.channel = row.channel,
  t.kind = row.kind,
  t.initiatedBy = row.initiatedBy,
  t.effort = row.effort,
  t.note = row.note,
  t.answered = row.answered
MERGE (r)-[:HAD]->(t)
WITH t, row
CALL (t, row) {
  UNWIND row.needs AS entry
  MATCH (n:Need {key: entry.need})
  MERGE (t)-[a:ADDRESSED]->(n)
  SET a.fulfilment = entry.fulfilment
}
CALL (t, row) {
  MATCH (t)-[a:ADDRESSED]->(n:Need)
  WHERE NOT n.key IN [entry IN row.needs | entry.need]
  DELETE a
}
CALL (t, row) {
  MATCH (t)-[v:VIA]->(p:Partner)
  WHERE row.partner IS NULL OR p.id <> row.partner
  DELETE v
}
CALL (t, row) {
  MATCH (p:Partner {id: row.partner})
  WHERE $scopeOrganizationId IS NULL
    OR EXISTS { (p)-[:PARTNERS_WITH]->(:Organization {id: $scopeOrganizationId}) }
  MERGE (t)-[:VIA]->(p)
}
RETURN count(*) AS written
