"""`sir profile` over every relationship: the command against its raw Cypher.

Four passes over the same graph, one after the other:

- `service`: the `sir profile` command in its own process, as an operator
  runs it (process start, connection, every batch), timed from outside;
- `shards`: `sir profile --shard K/N` in N processes at once, timed until
  the last one ends (how a full run splits across processes);
- `in process`: `graph.states.profile_all` in this process, while
  `bench.capture` records each transaction;
- `raw`: the recorded transactions replayed through the driver, bare: the
  pages of ids, the reads of inputs, the writes of states, without the
  model and without the conversion of rows.

A replayed write stores the state that the recorded run stored a moment
before (snapshots are merged on their time), so the raw pass writes no new
snapshot nodes: it is a floor, slightly lower than the same run from scratch.
"""

from __future__ import annotations

import re
import subprocess
import time
from collections.abc import Mapping
from typing import Any

from bench.capture import recording, replay
from bench.stack import SIR, Stack
from graph.states import profile_all

SUMMARY = re.compile(r"Profiled (\d+) relationships")


def run_profile_command(
    env: Mapping[str, str], batch_size: int, shard: str | None = None
) -> subprocess.Popen[str]:
    """Start `sir profile`, its summary on stdout and its logs quiet."""
    arguments = [*SIR, "profile", f"--batch-size={batch_size}"]
    if shard is not None:
        arguments.append(f"--shard={shard}")
    return subprocess.Popen(
        arguments,
        env={**env, "SIR_LOG_LEVEL": "WARNING"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def profiled(process: subprocess.Popen[str]) -> int:
    """Wait for a `sir profile` process; the relationships it profiled."""
    output, _ = process.communicate()
    found = SUMMARY.search(output)
    if process.returncode != 0 or found is None:
        raise RuntimeError(f"sir profile failed ({process.returncode}): {output}")
    return int(found.group(1))


def time_command(
    env: Mapping[str, str], batch_size: int, shards: int
) -> dict[str, Any]:
    """Seconds and relationships of `sir profile` in `shards` processes at once."""
    started = time.perf_counter()
    parts = [None] if shards <= 1 else [f"{k}/{shards}" for k in range(1, shards + 1)]
    processes = [run_profile_command(env, batch_size, part) for part in parts]
    counts = [profiled(process) for process in processes]
    seconds = time.perf_counter() - started
    return {
        "processes": len(processes),
        "relationships": sum(counts),
        "per_process": counts,
        "seconds": round(seconds, 2),
        "per_second": round(sum(counts) / seconds, 1),
    }


async def measure_profile_all(
    stack: Stack, batch_size: int, shards: int
) -> dict[str, Any]:
    """Every pass of `sir profile` over the graph, and their ratios."""
    env = stack.environment()
    service = time_command(env, batch_size, 1)
    print(f"  sir profile: {service['seconds']} s", flush=True)
    sharded = time_command(env, batch_size, shards) if shards > 1 else None
    if sharded is not None:
        print(f"  sir profile in {shards} shards: {sharded['seconds']} s", flush=True)
    database = stack.graph.database
    with recording() as units:
        run = await profile_all(database, batch_size)
    in_process = {
        "relationships": run.relationships,
        "seconds": round(run.seconds, 2),
        "per_second": round(run.rate, 1),
    }
    started = time.perf_counter()
    await replay(database, units)()
    raw_seconds = time.perf_counter() - started
    raw = {
        "relationships": run.relationships,
        "transactions": len(units),
        "seconds": round(raw_seconds, 2),
        "per_second": round(run.relationships / raw_seconds, 1),
    }
    print(
        f"  in process: {in_process['seconds']} s; raw Cypher: {raw['seconds']} s",
        flush=True,
    )
    return {
        "service": service,
        "shards": sharded,
        "in_process": in_process,
        "raw": raw,
        "ratio": round(service["seconds"] / raw_seconds, 2),
    }
