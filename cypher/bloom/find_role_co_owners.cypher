// Bloom search phrase "Co-owners of $role": the customers who hold the role
// actively (PLAYS with status ACTIVE), with the organization that offers it.
// Parameters: $role (string, the role's name).
// Returns: path (customer -PLAYS-> role <-OFFERS- organization), one row per
//   co-owner, the longest-standing first.
MATCH
  path = (c:Customer)-[p:PLAYS]->(r:Role {name: $role})<-[:OFFERS]-
    (:Organization)
WHERE p.status = 'ACTIVE'
RETURN path
ORDER BY p.since ASC, c.id ASC
