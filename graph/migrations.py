"""Constraints, indexes and fixed nodes of the graph, created idempotently."""

from __future__ import annotations

import logging

from graph.database import Database

logger = logging.getLogger("sir.graph")

MIGRATIONS = "migrations"


async def migrate(database: Database) -> list[str]:
    """Apply every statement under `cypher/migrations/`, in file-name order.

    Each statement is written with IF NOT EXISTS or MERGE, so running them again
    changes nothing; each runs in a transaction of its own because Neo4j does not
    mix schema changes with data writes.
    """
    names = database.statements.under(MIGRATIONS)
    for name in names:
        await database.write(name)
    logger.info("migrations applied", extra={"statements": len(names)})
    return names
