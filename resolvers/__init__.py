"""GraphQL types, queries and mutations of the SiR service."""
