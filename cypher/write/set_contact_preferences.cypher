// Stores what a customer said about being contacted (the meta-dialogue) on
// the Relationship. A field a row leaves null keeps its stored value; a row
// older than the stored `preferencesAt` is ignored.
// Parameters: $rows (list of {relationship, at, consentedChannels?,
//   optedOut?, maxContactsPer30Days?, preferredChannel?}),
//   $scopeOrganizationId (string: the caller's organization, or null for
//   every organization; rows of another organization are not written).
// Returns: written (integer, rows applied).
UNWIND $rows AS row
MATCH (r:Relationship {id: row.relationship})-[:WITH]->(o:Organization)
WHERE $scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId
WITH r, row
WHERE r.preferencesAt IS NULL OR r.preferencesAt <= row.at
SET
  r.preferencesAt = row.at,
  r.consentedChannels = coalesce(row.consentedChannels, r.consentedChannels),
  r.optedOut = coalesce(row.optedOut, r.optedOut),
  r.maxContactsPer30Days =
    coalesce(row.maxContactsPer30Days, r.maxContactsPer30Days),
  r.preferredChannel = coalesce(row.preferredChannel, r.preferredChannel)
RETURN count(*) AS written
