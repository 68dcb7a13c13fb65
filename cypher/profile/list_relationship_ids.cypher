// One page of Relationship ids in id order, for `sir profile`: keyset paging,
// so that each page costs the same however far the run has come.
// Parameters: $after (string: the last id of the previous page, "" first),
//   $limit (integer: the page size).
// Returns: id (string), in ascending order.
MATCH (r:Relationship)
WHERE r.id > $after
RETURN r.id AS id
ORDER BY id
LIMIT $limit
