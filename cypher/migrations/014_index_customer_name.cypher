// Filters and sorts on Customer.name use this index.
// Parameters: none. Returns: nothing.
CREATE INDEX customer_name IF NOT EXISTS
FOR (n:Customer) ON (n.name)
