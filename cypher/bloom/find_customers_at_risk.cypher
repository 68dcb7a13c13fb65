// Bloom search phrase "Customers at risk in $organization": the customers
// whose relationship with the organization is flagged at risk (goodwill
// falling, or service below the first gate).
// Parameters: $organization (string, the organization's name).
// Returns: path (customer -IN-> relationship -WITH-> organization), one row
//   per relationship at risk, the lowest goodwill first.
MATCH
  path = (c:Customer)-[:IN]->(r:Relationship)-[:WITH]->
    (o:Organization {name: $organization})
WHERE r.atRisk = true
RETURN path
ORDER BY r.goodwill ASC, c.id ASC
