// Relationships whose State was stored after a moment: the poll of the
// change feed (graph/events.py) and of the summarizer (graph/summarizer.py)
// read the recent ones only through this index.
// Parameters: none. Returns: nothing.
CREATE INDEX relationship_state_at IF NOT EXISTS
FOR (n:Relationship) ON (n.stateAt)
