"""The `sir` command: serve, migrate, and the data tools."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Callable, Coroutine, Sequence

import uvicorn

from api.app import create_app, graph_config
from api.commands_analysts import add_analyst_commands
from api.commands_auth import add_auth_commands, print_demo_login
from api.commands_data import add_data_commands, seed_demo_if_empty
from api.commands_profile import add_profile_command
from api.logs import configure_logging
from api.settings import Settings, SettingsError, load_settings
from api.workers import serve_workers
from graph.auth import example_scopes
from graph.migrations import migrate
from graph.runtime import open_graph
from sir.errors import SirError

logger = logging.getLogger("sir.cli")

Command = Callable[[Settings, argparse.Namespace], Coroutine[None, None, int]]


async def serve(settings: Settings, args: argparse.Namespace) -> int:
    """Open the graph, then serve HTTP until Ctrl-C or SIGTERM."""
    async with open_graph(graph_config(settings)) as graph:
        if getattr(args, "demo", False):
            await seed_demo_if_empty(graph.database)
        app = create_app(settings, graph)
        config = uvicorn.Config(
            app,
            host=settings.host,
            port=settings.port,
            log_config=None,
            lifespan="on",
        )
        server = uvicorn.Server(config)
        base = f"http://{settings.host}:{settings.port}"
        print(
            f"SiR service on {base}/graphql ({graph.description}); "
            f"the web app on {base}/",
            flush=True,
        )
        if getattr(args, "demo", False):
            print_demo_login(settings, *await example_scopes(graph.database))
        await server.serve()
    return 0


async def run_migrate(settings: Settings, args: argparse.Namespace) -> int:
    """Create the constraints and indexes, then stop."""
    async with open_graph(graph_config(settings), run_migrations=False) as graph:
        names = await migrate(graph.database)
    print(f"Applied {len(names)} migration statements.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The command line, one sub-command per task."""
    parser = argparse.ArgumentParser(prog="sir", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve_parser = commands.add_parser("serve", help="run the GraphQL service")
    serve_parser.set_defaults(run=serve)
    serve_parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="API processes sharing the database (default 1)",
    )
    serve_parser.add_argument(
        "--demo",
        action="store_true",
        help="seed a demo data set first if the graph holds no organization",
    )
    commands.add_parser(
        "migrate", help="create the graph's constraints and indexes"
    ).set_defaults(run=run_migrate)
    add_data_commands(commands)
    add_profile_command(commands)
    add_analyst_commands(commands)
    add_auth_commands(commands)
    return parser


def event_loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop's event loop where it is installed, else asyncio's own.

    The single-process server runs in this loop, not in one uvicorn makes, so
    uvicorn's own choice of uvloop does not reach it.
    """
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `sir` command."""
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as error:
        print(f"sir: {error}", file=sys.stderr)
        return 2
    configure_logging(settings.log_level)
    try:
        if args.command == "serve" and args.workers > 1:
            # uvicorn runs its worker processes outside any event loop.
            return serve_workers(settings, args.workers)
        command: Command = args.run
        with asyncio.Runner(loop_factory=event_loop_factory()) as runner:
            return runner.run(command(settings, args))
    except SirError as error:
        print(f"sir: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
