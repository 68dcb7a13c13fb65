// The inputs of the SiR model for many Relationships at once, read in one
// round trip before their State is computed (graph/states.py).
// Parameters: $ids (list of Relationship ids; unknown ids give no row),
//   $askKinds (list of Action kinds that are asks and withdraw goodwill),
//   $before (datetime: the newest stored state at or before it is the
//   yardstick of the rule "goodwill below the previous state").
// Returns one row per Relationship found:
//   id (string); since (datetime: its first contact);
//   touchpoints (list of {id, at, initiatedBy, answered, channel,
//     partners: list of Partner ids it went via,
//     fulfilment: list of {need, value}});
//   signals (list of {id, at, kind, weight});
//   asks (list of {id, at, goodwillCost}): RECEIVED actions of an ask kind;
//   roles (list of {key, rung, status}): roles the customer PLAYS among
//     those the Relationship's organization OFFERS;
//   latest (list of at most one map): the newest RelationshipState, to tell
//     whether the new state changed;
//   previous (list of at most one map): the newest RelationshipState at or
//     before $before.
//   The maps of latest and previous hold at, serve, connect, role, goodwill,
//   tier, gate, type, atRisk, modelVersion.
UNWIND $ids AS id
MATCH (r:Relationship {id: id})
// The organization is bound before the roles' pattern closes on it: a
// pattern that ran back to `r` through the organization would visit every
// relationship of the organization on ArcadeDB, once per relationship.
OPTIONAL MATCH (r)-[:WITH]->(o:Organization)
RETURN
  r.id AS id,
  r.since AS since,
  [(r)-[:HAD]->(t:Touchpoint) | {
    id: t.id,
    at: t.at,
    initiatedBy: t.initiatedBy,
    answered: t.answered,
    channel: t.channel,
    partners: [(t)-[:VIA]->(q:Partner) | q.id],
    fulfilment: [(t)-[a:ADDRESSED]->(n:Need) | {need: n.key, value: a.fulfilment}]
  }] AS touchpoints,
  [(r)-[:SIGNALLED]->(s:GoodwillSignal) | s {.id, .at, .kind, .weight}] AS signals,
  [(r)-[x:RECEIVED]->(a:Action) WHERE a.kind IN $askKinds | {
    id: a.id, at: x.at, goodwillCost: a.goodwillCost
  }] AS asks,
  [(r)<-[:IN]-(:Customer)-[p:PLAYS]->(role:Role)<-[:OFFERS]-(o) | {
    key: role.key, rung: role.rung, status: p.status
  }] AS roles,
  COLLECT {
    MATCH (r)-[:HAD_STATE]->(s:RelationshipState)
    RETURN s {
      .at, .serve, .connect, .role, .goodwill, .tier, .gate, .type, .atRisk,
      .modelVersion
    } AS state
    ORDER BY s.at DESC
    LIMIT 1
  } AS latest,
  COLLECT {
    MATCH (r)-[:HAD_STATE]->(s:RelationshipState)
    WHERE s.at <= $before
    RETURN s {
      .at, .serve, .connect, .role, .goodwill, .tier, .gate, .type, .atRisk,
      .modelVersion
    } AS state
    ORDER BY s.at DESC
    LIMIT 1
  } AS previous
