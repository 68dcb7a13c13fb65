// Deletes every node and relationship except the three shared needs.
// Used to give each test an empty graph; never called by the service.
// Parameters: none. Returns: nothing.
MATCH (n)
WHERE NOT n:Need
DETACH DELETE n
