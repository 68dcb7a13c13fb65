"""The data commands of `sir`: import events from a file, seed synthetic data."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path
from typing import TextIO

from api.app import graph_config
from api.settings import Settings
from graph.database import Database
from graph.importer import import_lines, read_lines
from graph.runtime import open_graph
from graph.seed import TOUCHPOINTS_PER_CUSTOMER, replay_history, seed_graph

logger = logging.getLogger("sir.cli")

# `sir serve --demo` seeds this much when the graph holds no organization.
DEMO_ORGANIZATIONS = 2
DEMO_CUSTOMERS = 200
DEMO_SEED = 2015
# Months of replayed states in the demo: a goodwill chart with a history, and
# cases for SiR-Intel to learn uplift from.
DEMO_HISTORY_MONTHS = 6


class ProgressBar:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    WIDTH = 30

    def __init__(self, total: int, label: str, stream: TextIO | None = None) -> None:
        self.total = max(total, 1)
        self.done = 0
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty()
        self._drawn = 0.0

    def advance(self, amount: int, total: int | None = None) -> None:
        """Count `amount` more units done (of `total`, if it is now known)."""
        self.done += amount
        if total is not None:
            self.total = max(total, 1)
        now = time.monotonic()
        if self.enabled and (now - self._drawn >= 0.1 or self.done >= self.total):
            self._drawn = now
            share = min(self.done / self.total, 1.0)
            filled = round(share * self.WIDTH)
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            self.stream.write(f"\r{self.label} [{bar}] {share:6.1%}")
            self.stream.flush()

    def close(self) -> None:
        """End the bar's line so that later output starts on a new one."""
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


async def run_import(settings: Settings, args: argparse.Namespace) -> int:
    """Import JSON Lines events from a file; exit 1 if any line failed."""
    path = Path(args.file)
    size = file_size(path)
    if size is None:
        print(f'sir: file "{path}" does not exist.', file=sys.stderr)
        return 2
    async with open_graph(graph_config(settings)) as graph:
        bar = ProgressBar(size, f"importing {path.name}")
        lines = read_lines(path, bar.advance)
        report = await import_lines(graph.database, lines, batch_size=args.batch_size)
        bar.close()
    for problem in report.problems:
        print(problem.message, file=sys.stderr)
    print(report.describe())
    return 0 if report.ok else 1


async def run_seed(settings: Settings, args: argparse.Namespace) -> int:
    """Write a synthetic graph of organizations and customers of archetypes."""
    async with open_graph(graph_config(settings)) as graph:
        summary = await seed(graph.database, args)
    shares = ", ".join(f"{n} {name}" for name, n in sorted(summary.items()))
    print(f"Seeded {args.customers} customers: {shares}.")
    return 0


async def seed(database: Database, args: argparse.Namespace) -> dict[str, int]:
    """Seed with a progress bar over the events written."""
    bar = ProgressBar(0, "seeding")
    summary = await seed_graph(
        database,
        args.organizations,
        args.customers,
        args.seed,
        touchpoints_per_customer=args.touchpoints_per_customer,
        batch_size=args.batch_size,
        progress=bar.advance,
    )
    bar.close()
    if args.history_months:
        print(f"Replaying {args.history_months} months of states.", flush=True)
        await replay_history(database, args.history_months)
    return summary.archetypes


async def seed_demo_if_empty(database: Database) -> bool:
    """Seed the demo data set when the graph holds no organization yet."""
    rows = await database.read("system/count_nodes")
    if rows and rows[0]["organizations"] > 0:
        return False
    logger.info("the graph is empty; seeding the demo data set")
    await seed_graph(database, DEMO_ORGANIZATIONS, DEMO_CUSTOMERS, DEMO_SEED)
    await replay_history(database, DEMO_HISTORY_MONTHS)
    return True


def add_data_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    """Register `sir import` and `sir seed` on the command line."""
    importing = commands.add_parser("import", help="write JSON Lines events")
    importing.add_argument("file", help="a .jsonl file, one event per line")
    importing.add_argument("--batch-size", type=positive, default=1000)
    importing.set_defaults(run=run_import)
    seeding = commands.add_parser("seed", help="write synthetic demo data")
    seeding.add_argument("--organizations", type=positive, default=2)
    seeding.add_argument("--customers", type=positive, default=200)
    seeding.add_argument("--seed", type=int, default=1)
    seeding.add_argument(
        "--touchpoints-per-customer", type=positive, default=TOUCHPOINTS_PER_CUSTOMER
    )
    seeding.add_argument("--batch-size", type=positive, default=5000)
    seeding.add_argument(
        "--history-months",
        type=non_negative,
        default=0,
        help="also profile every relationship as of each of the last N months",
    )
    seeding.set_defaults(run=run_seed)


def file_size(path: Path) -> int | None:
    """The size of a file in bytes, or None if there is no such file."""
    return path.stat().st_size if path.is_file() else None


def non_negative(text: str) -> int:
    """A whole number of at least 0, for command-line options."""
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a number of at least 0, not {text}")
    return value


def positive(text: str) -> int:
    """A whole number of at least 1, for command-line options."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, not {text}")
    return value
