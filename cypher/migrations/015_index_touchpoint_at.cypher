// Filters and sorts on Touchpoint.at use this index.
// Parameters: none. Returns: nothing.
CREATE INDEX touchpoint_at IF NOT EXISTS
FOR (n:Touchpoint) ON (n.at)
