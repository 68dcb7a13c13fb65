// Creates or updates organizations by their client-supplied id.
// Parameters: $rows (list of {id, name}).
// Returns: written (integer, rows written).
UNWIND $rows AS row
MERGE (o:Organization {id: row.id})
SET o.name = row.name
RETURN count(*) AS written
