"""The whole benchmark suite in one command.

    python -m bench [--sizes 10000,100000] [--publish]

For each size: `sir seed` on a fresh embedded database (organizations,
customers with about `--touchpoints` touchpoints each), the real service
(`sir serve`) started on it, and every operation measured through the
service and as raw Cypher in the same run (`bench.suite`). Then a table on
stdout, the JSON and the plots in `bench/results/` (git-ignored), and with
`--publish` a copy of them in `docs/bench/` and the tables in the README.

Seeded folders live under `--data` (a temporary folder by default, deleted
at the end); give a folder to keep them and reuse them in a later run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import shutil
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.report import plots, tables
from bench.stack import SeedPlan, machine, open_stack
from bench.suite import Options, measure_size

RESULTS = Path("bench/results")
PUBLISHED = Path("docs/bench")
README = Path("README.md")
# The README's tables sit between these lines; --publish replaces them.
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def parse_arguments() -> argparse.Namespace:
    """The suite's options."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    add = parser.add_argument
    add("--sizes", default="10000,100000", help="customers, comma-separated")
    add("--organizations", type=int, default=4)
    add("--touchpoints", type=int, default=20, help="per customer, on average")
    add("--runs", type=int, default=100, help="sequential requests per operation")
    add("--clients", type=int, default=16, help="concurrent clients")
    add("--seconds", type=float, default=5.0, help="of each throughput run")
    add("--ingest-runs", type=int, default=10, help="sequential batches")
    add("--shards", type=int, default=2, help="processes of the sharded run")
    add("--heap", default="4g", help="Java heap of the embedded database")
    add("--data", type=Path, default=None, help="keep seeded folders here")
    add("--out", type=Path, default=RESULTS)
    add("--publish", action="store_true", help=f"copy to {PUBLISHED} and README")
    return parser.parse_args()


async def run(args: argparse.Namespace, data: Path) -> dict[str, Any]:
    """Measure each size in turn; write the JSON after each one."""
    options = Options(
        runs=args.runs,
        clients=args.clients,
        seconds=args.seconds,
        ingest_runs=args.ingest_runs,
        shards=args.shards,
    )
    results: dict[str, Any] = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "options": options.__dict__,
        "sizes": {},
    }
    for size in [int(text) for text in args.sizes.split(",")]:
        plan = SeedPlan(size, args.organizations, args.touchpoints)
        print(f"{size} customers: seeding with sir seed", flush=True)
        began = time.perf_counter()
        async with open_stack(data / str(size), plan, args.heap) as stack:
            print(f"  seeded in {stack.seed_seconds or 0:.0f} s; measuring", flush=True)
            results["sizes"][str(size)] = await measure_size(stack, plan, options)
        results["sizes"][str(size)]["wall_seconds"] = round(time.perf_counter() - began)
        save(results, args.out)
    return results


def save(results: dict[str, Any], folder: Path) -> Path:
    """Write the results as JSON, stamped and as `latest.json`."""
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(results, indent=2, default=str)
    stamp = results["started"].replace(":", "").replace("-", "")[:15]
    (folder / f"suite-{stamp}.json").write_text(text)
    latest = folder / "latest.json"
    latest.write_text(text)
    return latest


def finish(results: dict[str, Any], args: argparse.Namespace) -> None:
    """Print the tables, draw the plots, and publish when asked."""
    text = tables(results)
    print(text)
    (args.out / "latest.md").write_text(text + "\n")
    drawn = plots(results, args.out)
    if args.publish:
        PUBLISHED.mkdir(parents=True, exist_ok=True)
        for path in [args.out / "latest.json", args.out / "latest.md", *drawn]:
            shutil.copy(path, PUBLISHED / path.name)
        print(f"copied to {PUBLISHED}/")
        if update_readme(README, text):
            print(f"and the tables to {README}")


def update_readme(readme: Path, text: str) -> bool:
    """Put the tables between the README's markers; False without markers."""
    found = readme.read_text(encoding="utf-8")
    head, begin, rest = found.partition(BEGIN)
    _, end, tail = rest.partition(END)
    if not begin or not end:
        print(f"{readme} has no {BEGIN} ... {END} lines; its tables are unchanged")
        return False
    readme.write_text(f"{head}{BEGIN}\n{text}\n{END}{tail}", encoding="utf-8")
    return True


def main() -> None:
    """Run the suite in the data folder given, or in a temporary one."""
    args = parse_arguments()
    # The raw side's concurrent batches lose races on the embedded server and
    # the driver retries them, logging each retry; the figures include them.
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    if args.data is not None:
        results = asyncio.run(run(args, args.data))
    else:
        with tempfile.TemporaryDirectory(prefix="sir-bench-") as folder:
            results = asyncio.run(run(args, Path(folder)))
    finish(results, args)


if __name__ == "__main__":
    main()
