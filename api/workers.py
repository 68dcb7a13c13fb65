"""Several API processes over one database: `sir serve --workers N`.

The parent process owns the database side: it starts the embedded server when
no external database is configured, and applies the migrations once. Then it
runs uvicorn's worker processes, which share nothing but the database (and a
folder of metrics files): each one reaches it through the Bolt URI in its
environment, like any Neo4j.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import tempfile
from collections.abc import Iterator

import uvicorn
from starlette.applications import Starlette

from api.app import create_app, graph_config
from api.auth import signing_key
from api.logs import configure_logging
from api.metrics import MULTIPROCESS_DIR
from api.settings import Settings, load_settings
from graph.database import Database
from graph.embedded import EmbeddedOptions, EmbeddedServer, die_with_parent
from graph.migrations import migrate

logger = logging.getLogger("sir.workers")


def app_from_environment() -> Starlette:
    """The app of one worker process, configured from its environment.

    A worker stops when its parent does, even when the parent is killed and
    cannot stop it: an orphaned worker would keep the port and the database.
    """
    die_with_parent()
    if os.getppid() == 1:
        # The parent died before the request to follow it took effect.
        raise SystemExit(0)
    settings = load_settings()
    configure_logging(settings.log_level)
    return create_app(settings)


def serve_workers(settings: Settings, workers: int) -> int:
    """Run `workers` API processes on the configured or embedded database."""
    with (
        database_for_workers(settings) as environment,
        tempfile.TemporaryDirectory(prefix="sir-metrics-") as metrics,
    ):
        os.environ.update(environment)
        # Workers write their metrics here and every scrape adds them up
        # (api.metrics); set before uvicorn starts them, removed after.
        os.environ[MULTIPROCESS_DIR] = metrics
        print(
            f"SiR service on http://{settings.host}:{settings.port}/graphql "
            f"({workers} workers)",
            flush=True,
        )
        uvicorn.run(
            "api.workers:app_from_environment",
            factory=True,
            host=settings.host,
            port=settings.port,
            workers=workers,
            log_config=None,
        )
    return 0


@contextlib.contextmanager
def database_for_workers(settings: Settings) -> Iterator[dict[str, str]]:
    """Start the database side once; yield the settings workers connect with."""
    config = graph_config(settings)
    if config.uri is not None:
        asyncio.run(_migrate(config.uri, config.user, config.password, config.name))
        yield {"SIR_MIGRATE_ON_START": "false"}
        return
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
        asyncio.run(
            _migrate(
                server.uri,
                server.user,
                server.password,
                config.embedded_database,
                bound=config.start_timeout,
                alive=server,
            )
        )
        yield {
            "SIR_DATABASE_URI": server.uri,
            "SIR_DATABASE_USER": server.user,
            "SIR_DATABASE_PASSWORD": server.password,
            "SIR_DATABASE_NAME": config.embedded_database,
            "SIR_MIGRATE_ON_START": "false",
            # With a database URI each worker needs the key given, not made:
            # the embedded setup's own key, so that all of them verify alike.
            "SIR_AUTH_SECRET": signing_key(settings),
        }
    finally:
        server.stop()


async def _migrate(
    uri: str,
    user: str,
    password: str | None,
    name: str | None,
    *,
    bound: float = 60.0,
    alive: EmbeddedServer | None = None,
) -> None:
    database = Database.connect(uri, user, password or "", name)
    try:
        check = alive.check_alive if alive is not None else None
        await database.wait_until_ready(bound, check)
        await migrate(database)
    finally:
        await database.close()
