// Stores the current State of many Relationships in one round trip, and
// keeps a RelationshipState snapshot of those whose state changed.
// Parameters: $states (list of {id, properties, snapshot}): `properties` is
//   the map of state properties set on the Relationship (CURRENT_STATE in
//   graph/model.py lists them); `snapshot` is the map of the snapshot to
//   keep, or null when the state did not change. A snapshot is merged on its
//   `at`, so that storing the same state twice keeps one snapshot.
// Returns: snapshots (integer, snapshots kept).
UNWIND $states AS state
MATCH (r:Relationship {id: state.id})
SET r += state.properties
WITH r, state
WHERE state.snapshot IS NOT NULL
MERGE (r)-[:HAD_STATE]->(s:RelationshipState {at: state.snapshot.at})
SET s += state.snapshot
RETURN count(*) AS snapshots
