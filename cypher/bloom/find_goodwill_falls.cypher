// Bloom search phrase "Goodwill falls in $organization over $days days": the
// relationships of the organization whose goodwill fell most, comparing the
// latest RelationshipState with the latest one at least $days days older.
// Parameters: $organization (string, the organization's name), $days
//   (integer, how far back to compare).
// Returns: path (customer -IN-> relationship -WITH-> organization), recent
//   and earlier (HAD_STATE paths to the two states compared); at most 25
//   rows, the largest fall first.
MATCH
  path = (c:Customer)-[:IN]->(r:Relationship)-[:WITH]->
    (:Organization {name: $organization})
MATCH recent = (r)-[:HAD_STATE]->(latest:RelationshipState)
WHERE
  NOT EXISTS {
    MATCH (r)-[:HAD_STATE]->(newer:RelationshipState)
    WHERE newer.at > latest.at
  }
CALL (r, latest) {
  MATCH earlier = (r)-[:HAD_STATE]->(before:RelationshipState)
  WHERE before.at <= latest.at - duration({days: $days})
  RETURN earlier, before
  ORDER BY before.at DESC
  LIMIT 1
}
WITH path, recent, earlier, before.goodwill - latest.goodwill AS fall, c
WHERE fall > 0
RETURN path, recent, earlier
ORDER BY fall DESC, c.id ASC
LIMIT 25
