// What the next best steps of Relationships depend on, for any number of
// them in one round trip: the stored state, the contact preferences, recent
// contacts, the organization's action catalogue and what the relationship
// already received or was recommended.
// Parameters: $ids (list of Relationship ids; unknown ids give no row),
//   $since (datetime: touchpoints the organization started after it count as
//   recent contacts),
//   $scopeOrganizationId (string, or null for every organization).
// Returns one row per Relationship found in scope:
//   id, organization (string);
//   state (map: goodwill, tier, gate, type, serve, serveConfidence, connect,
//     connectConfidence; all null before the first profile);
//   preferences (map: optedOut, consentedChannels, maxContactsPer30Days);
//   touched (list of datetimes: touchpoints the organization started after
//     $since);
//   actions (list of {id, key, kind, need, gate, goodwillCost, cooldownDays,
//     channel}): the organization's catalogue;
//   received (list of {action, at}): every action received;
//   recommended (list of {action, status, respondedAt}).
UNWIND $ids AS id
MATCH (r:Relationship {id: id})-[:WITH]->(o:Organization)
WHERE $scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId
RETURN
  r.id AS id,
  o.id AS organization,
  r {
    .goodwill, .tier, .gate, .type, .serve, .serveConfidence, .connect,
    .connectConfidence
  } AS state,
  r {.optedOut, .consentedChannels, .maxContactsPer30Days} AS preferences,
  [(r)-[:HAD]->(t:Touchpoint)
    WHERE t.initiatedBy = 'ORGANIZATION' AND t.at > $since | t.at] AS touched,
  [(o)-[:OFFERS]->(a:Action) | a {
    .id, .key, .kind, .need, .gate, .goodwillCost, .cooldownDays, .channel
  }] AS actions,
  [(r)-[x:RECEIVED]->(a:Action) | {action: a.id, at: x.at}] AS received,
  [(r)-[m:RECOMMENDED]->(a:Action) | {
    action: a.id, status: m.status, respondedAt: m.respondedAt
  }] AS recommended
