"""Bring the graph up and down: embedded server or external Neo4j, then migrations."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from graph.database import Database
from graph.embedded import EmbeddedOptions, EmbeddedServer
from graph.migrations import migrate

logger = logging.getLogger("sir.graph")


@dataclass(frozen=True)
class GraphConfig:
    """Where the graph lives; `uri=None` starts the embedded server."""

    uri: str | None
    user: str
    password: str | None
    name: str | None
    data_dir: Path
    heap: str = "512m"
    start_timeout: float = 60.0
    embedded_database: str = "sir"
    transaction_timeout: float = 15.0
    write_retries: int = 5
    # Seconds next best steps reuse an organization's learned uplift.
    uplift_ttl: float = 0.0
    # Organizations from this many relationships on are read from their
    # summary (graph/summaries.py); None reads every one live.
    summary_from: int | None = None


@dataclass
class Graph:
    """A connected database and, when embedded, the server behind it."""

    database: Database
    server: EmbeddedServer | None

    @property
    def description(self) -> str:
        """Where the graph is, for logs and the health endpoints."""
        if self.server is not None:
            return f"embedded ArcadeDB at {self.server.uri}"
        return "external Neo4j"


@asynccontextmanager
async def open_graph(
    config: GraphConfig, *, run_migrations: bool = True
) -> AsyncIterator[Graph]:
    """Start or reach the database, wait until it answers, migrate, and clean up."""
    server: EmbeddedServer | None = None
    if config.uri is None:
        server = EmbeddedServer(
            EmbeddedOptions(
                data_dir=config.data_dir,
                database=config.embedded_database,
                heap=config.heap,
                start_timeout=config.start_timeout,
                command_timeout=config.transaction_timeout,
            )
        )
        server.start()
    try:
        database = _connect(config, server)
        try:
            await _wait(database, config, server)
            if run_migrations:
                await migrate(database)
            yield Graph(database, server)
        finally:
            await database.close()
    finally:
        if server is not None:
            server.stop()


def _connect(config: GraphConfig, server: EmbeddedServer | None) -> Database:
    options = {
        "timeout": config.transaction_timeout,
        "retries": config.write_retries,
        "uplift_ttl": config.uplift_ttl,
        "summary_from": config.summary_from,
    }
    if server is not None:
        return Database.connect(
            server.uri,
            server.user,
            server.password,
            config.embedded_database,
            **options,
        )
    assert config.uri is not None  # noqa: S101 - guarded by the caller
    return Database.connect(
        config.uri, config.user, config.password or "", config.name, **options
    )


async def _wait(
    database: Database, config: GraphConfig, server: EmbeddedServer | None
) -> None:
    if server is None:
        await database.wait_until_ready(config.start_timeout)
        logger.info("connected to Neo4j")
        return
    try:
        await database.wait_until_ready(config.start_timeout, server.check_alive)
    except Exception as error:
        server.check_alive()
        raise server.timed_out(config.start_timeout) from error
    logger.info("embedded ArcadeDB ready at %s (pid %s)", server.uri, server.pid)
