// The three generic needs of SiR: to be served, to connect, to explore a role.
// Parameters: none. Returns: nothing.
UNWIND ['SERVE', 'CONNECT', 'ROLE'] AS key
MERGE (:Need {key: key})
