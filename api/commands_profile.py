"""`sir profile`: recompute the State of every relationship, in batches.

Writes keep each relationship's state current, so this is needed after the
model changed (a new `ModelConfig.version`), after data was written around
the service, or to move every state forward in time (decay, trends).
"""

from __future__ import annotations

import argparse
from typing import TextIO

from api.app import graph_config
from api.commands_data import ProgressBar, positive
from api.settings import Settings
from graph.database import Database
from graph.runtime import open_graph
from graph.states import profile_all

DEFAULT_BATCH_SIZE = 500


async def run_profile(settings: Settings, args: argparse.Namespace) -> int:
    """Profile every relationship and print what was done."""
    async with open_graph(graph_config(settings)) as graph:
        line = await profile_with_progress(graph.database, args.batch_size)
    print(line)
    return 0


async def profile_with_progress(
    database: Database, batch_size: int, stderr: TextIO | None = None
) -> str:
    """Profile every relationship with a progress bar; return the summary line.

    The bar goes to `stderr` (the process's by default) and only when it is a
    terminal, so that logs and pipes stay clean.
    """
    bar = ProgressBar(0, "profiling", stderr)
    done = 0

    def advance(finished: int, total: int) -> None:
        nonlocal done
        bar.advance(finished - done, total)
        done = finished

    run = await profile_all(database, batch_size, progress=advance)
    bar.close()
    return (
        f"Profiled {run.relationships} relationships in {run.batches} batches "
        f"({run.rate:,.0f} a second); kept {run.snapshots} changed states."
    )


def add_profile_command(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register `sir profile` on the command line."""
    profiling = commands.add_parser(
        "profile", help="recompute the state of every relationship"
    )
    profiling.add_argument(
        "--batch-size",
        type=positive,
        default=DEFAULT_BATCH_SIZE,
        help=f"relationships per transaction (default {DEFAULT_BATCH_SIZE})",
    )
    profiling.set_defaults(run=run_profile)
