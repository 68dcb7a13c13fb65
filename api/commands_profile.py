"""`sir profile`: recompute the State of every relationship, in batches;
`sir summarize`: compute the summaries of organizations now.

Writes keep each relationship's state current, so this is needed after the
model changed (a new `ModelConfig.version`), after data was written around
the service, or to move every state forward in time (decay, trends).
`--shard K/N` profiles one of N disjoint parts, so that N processes, on as
many machines, share a full run (docs/scaling.md). A running service
refreshes the summaries of the organizations whose states changed within
`SIR_SUMMARY_INTERVAL` seconds; `sir summarize` does it at once.
"""

from __future__ import annotations

import argparse
import time
from typing import TextIO

from api.app import graph_config
from api.commands_data import ProgressBar, positive
from api.settings import Settings
from graph.database import Database
from graph.runtime import open_graph
from graph.states import Shard, profile_all
from graph.summaries import refresh_summary
from sir.errors import InvalidInput

DEFAULT_BATCH_SIZE = 500


async def run_profile(settings: Settings, args: argparse.Namespace) -> int:
    """Profile every relationship and print what was done."""
    async with open_graph(graph_config(settings)) as graph:
        line = await profile_with_progress(
            graph.database, args.batch_size, shard=args.shard
        )
    print(line)
    return 0


async def profile_with_progress(
    database: Database,
    batch_size: int,
    stderr: TextIO | None = None,
    shard: Shard | None = None,
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

    run = await profile_all(database, batch_size, progress=advance, shard=shard)
    bar.close()
    part = f" of shard {shard}" if shard is not None else ""
    return (
        f"Profiled {run.relationships} relationships{part} in {run.batches} batches "
        f"({run.rate:,.0f} a second); kept {run.snapshots} changed states."
    )


async def run_summarize(settings: Settings, args: argparse.Namespace) -> int:
    """Compute the summary of every organization, or of the one named."""
    async with open_graph(graph_config(settings)) as graph:
        line = await summarize(graph.database, args.organization)
    print(line)
    return 0


async def summarize(database: Database, organization: str | None) -> str:
    """Refresh the summaries asked for; return the line that says what was done."""
    started = time.perf_counter()
    if organization is None:
        rows = await database.read("summary/list_organizations")
        organizations = [row["id"] for row in rows]
    else:
        organizations = [organization]
    pages = 0
    for one in organizations:
        found = await refresh_summary(database, one)
        if found is None:
            raise InvalidInput(f'Organization "{one}" does not exist.')
        pages += found
    seconds = time.perf_counter() - started
    return (
        f"Summarized {len(organizations)} organizations ({pages} pages) "
        f"in {seconds:.1f} s."
    )


def add_profile_command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
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
    profiling.add_argument(
        "--shard",
        type=shard_option,
        default=None,
        metavar="K/N",
        help="profile only part K of N (1 <= K <= N), for N processes sharing a run",
    )
    profiling.set_defaults(run=run_profile)
    summarizing = commands.add_parser(
        "summarize",
        help="compute the summaries of organizations that large reads are served from",
    )
    summarizing.add_argument(
        "--organization", default=None, help="only this organization's summary"
    )
    summarizing.set_defaults(run=run_summarize)


def shard_option(text: str) -> Shard:
    """`--shard K/N` as a `Shard`; a bad value is a usage error naming it."""
    try:
        return Shard.parse(text)
    except InvalidInput as error:
        raise argparse.ArgumentTypeError(str(error)) from None
