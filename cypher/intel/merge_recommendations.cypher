// Records the steps proposed to Relationships: one RECOMMENDED edge per
// relationship and action, merged so that proposing a step again updates
// its rank, score and time instead of adding an edge. A step the customer
// has ACCEPTED keeps that status; any other becomes PROPOSED again.
// Parameters: $rows (list of {relationship, action, rank, score}),
//   $at (datetime: when the steps were proposed),
//   $version (string: the SiR-Intel version that ranked them).
// Returns: written (integer, edges merged).
UNWIND $rows AS row
MATCH (r:Relationship {id: row.relationship})
MATCH (a:Action {id: row.action})
MERGE (r)-[m:RECOMMENDED]->(a)
SET
  m.at = $at,
  m.rank = row.rank,
  m.score = row.score,
  m.version = $version,
  m.status = CASE WHEN m.status = 'ACCEPTED' THEN 'ACCEPTED' ELSE 'PROPOSED' END
RETURN count(*) AS written
