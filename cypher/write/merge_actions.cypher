// Creates or updates the actions of organizations' catalogues.
// Parameters: $rows (list of {id, organization, key, kind, need, gate,
//   goodwillCost, cooldownDays, channel (or null: any channel)}),
//   $scopeOrganizationId (string: the caller's organization, or null for
//   every organization; rows of another organization are not written).
// Returns: written (integer, rows written).
UNWIND $rows AS row
MATCH (o:Organization {id: row.organization})
WHERE $scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId
MERGE (a:Action {id: row.id})
SET
  a.key = row.key,
  a.kind = row.kind,
  a.need = row.need,
  a.gate = row.gate,
  a.goodwillCost = row.goodwillCost,
  a.cooldownDays = row.cooldownDays,
  a.channel = row.channel
MERGE (o)-[:OFFERS]->(a)
RETURN count(*) AS written
