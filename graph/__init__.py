"""Neo4j access: the driver, Cypher files, migrations and the embedded server."""
