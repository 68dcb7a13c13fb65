// Filters and sorts on GoodwillSignal.at use this index.
// Parameters: none. Returns: nothing.
CREATE INDEX signal_at IF NOT EXISTS
FOR (n:GoodwillSignal) ON (n.at)
