// What every customer of one organization is sorted by on the customers
// page: the summary keeps them in each order (graph/summaries.py).
// Parameters: $organizationId (string).
// Returns: id (Customer id), name (lower-case name), goodwill, trend
//   (floats, null until profiled).
MATCH (o:Organization {id: $organizationId})<-[:WITH]-(r:Relationship)<-[:IN]-(c:Customer)
RETURN
  c.id AS id,
  toLower(c.name) AS name,
  r.goodwill AS goodwill,
  r.goodwillTrend AS trend
