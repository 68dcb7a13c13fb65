// TEST ONLY: never called by the service. Removes the touchpoint features
// that profiles store on Relationships, as in a graph written before they
// were stored, so that a test can compare likeness read from the
// touchpoints with likeness read from the stored features.
// Parameters: none.
// Returns: relationships (integer, how many had them).
MATCH (r:Relationship)
WHERE r.touchpointFeatures IS NOT NULL
REMOVE r.touchpointFeatures
RETURN count(r) AS relationships
