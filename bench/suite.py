"""Measure every operation at one graph size, through the service and raw.

For each read operation the suite records, once per target, the statements
the service runs (`bench.capture`), then times in one run: sequential
requests to the service over HTTP and sequential replays of their raw
Cypher (median and p99), then both again from `clients` concurrent clients
(requests per second). Batch ingest writes fresh customers through
`recordEvents` against the UNWIND statements of the same kind of batch;
`sir profile` is timed by `bench.profile`. The service's memory is sampled
all along.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx

from api.app import create_app
from bench.capture import names, recording, replay, round_trips, run_bare
from bench.ingest import RECORD_EVENTS, as_graphql, fresh_batches, raw_steps
from bench.intel import complete_steps
from bench.operations import Operation, pick_targets, post, read_operations
from bench.profile import measure_profile_all
from bench.stack import SeedPlan, Stack
from bench.timing import Call, latencies, summary, throughput
from graph.cypher import queries

STATS = "{ graphStats { organizations customers relationships touchpoints } }"
WARMUP = 5


@dataclass(frozen=True)
class Options:
    """How much the suite measures at each size."""

    runs: int = 100
    clients: int = 16
    seconds: float = 5.0
    batch_events: int = 1000
    ingest_runs: int = 10
    profile_batch: int = 500
    shards: int = 2
    learners: int = 40


async def compare(service: Call, raw: Call, options: Options) -> dict[str, Any]:
    """Latency and throughput of the service and of its raw Cypher, in one run."""
    service_ms = summary(await latencies(service, options.runs, WARMUP))
    raw_ms = summary(await latencies(raw, options.runs, WARMUP))
    service_load = await throughput(service, options.clients, options.seconds)
    raw_load = await throughput(raw, options.clients, options.seconds)
    return figures(
        service_ms | {"throughput": service_load}, raw_ms | {"throughput": raw_load}
    )


def figures(service: dict[str, Any], raw: dict[str, Any]) -> dict[str, Any]:
    """Both sides and their ratios: service over raw."""
    rate = raw["throughput"]["per_second"]
    return {
        "service": service,
        "raw": raw,
        "ratio_median": round(service["median_ms"] / raw["median_ms"], 2),
        "ratio_p99": round(service["p99_ms"] / raw["p99_ms"], 2),
        "ratio_throughput": round(service["throughput"]["per_second"] / rate, 2)
        if rate
        else None,
    }


async def measure_read(
    operation: Operation,
    client: httpx.AsyncClient,
    local: httpx.AsyncClient,
    stack: Stack,
    options: Options,
) -> dict[str, Any]:
    """One read operation: record its Cypher per target, then time both ways."""
    recorded = []
    for variables in operation.variables:
        # The raw side learns next best steps' uplift on every request; the
        # service remembers it for a while (graph/uplift_memory.py).
        stack.graph.database.uplift.forget()
        with recording() as units:
            await post(local, operation.document, variables)
        recorded.append(units)
    raws = [replay(stack.graph.database, units) for units in recorded]
    count = len(operation.variables)

    async def service(number: int) -> None:
        await post(client, operation.document, operation.variables[number % count])

    async def raw(number: int) -> None:
        await raws[number % count]()

    found = await compare(service, raw, options)
    return {
        "title": operation.title,
        "round_trips": round_trips(recorded[0]),
        "statements": names(recorded[0]),
    } | found


async def measure_ingest(
    client: httpx.AsyncClient, stack: Stack, plan: SeedPlan, options: Options
) -> dict[str, Any]:
    """Batches of new customers through `recordEvents` and as raw UNWIND."""
    loaded = 2 * options.clients
    count = 2 + options.ingest_runs + loaded
    tag = f"b{int(time.time())}"
    made = [
        fresh_batches(
            count, options.batch_events, f"{tag}{way}", plan.organizations,
            plan.touchpoints,
        )
        for way in ("s", "r")
    ]  # fmt: skip
    requests = [{"events": [as_graphql(e) for e in batch]} for batch in made[0]]
    database = stack.graph.database
    texts = queries()
    steps = [
        [(texts[name], dict(params)) for name, params in await raw_steps(database, b)]
        for b in made[1]
    ]

    async def service(number: int) -> None:
        await post(client, RECORD_EVENTS, requests[number])

    async def raw(number: int) -> None:
        await run_bare(database, True, steps[number])

    sides = []
    for call in (service, raw):
        timed = summary(await latencies(call, options.ingest_runs, 2))
        load = await throughput(
            call, options.clients, 600, start=2 + options.ingest_runs, limit=loaded
        )
        sides.append(timed | {"throughput": load})
    events = sum(len(batch) for batch in made[0]) / count
    found = figures(*sides)
    for side in ("service", "raw"):
        found[side]["events_per_second"] = round(
            events * 1000 / found[side]["median_ms"]
        )
    return {
        "title": f"batch ingest of {events:.0f} events (recordEvents)",
        "events_per_batch": round(events),
    } | found


@contextlib.asynccontextmanager
async def memory_sampler(stack: Stack) -> AsyncIterator[dict[str, float]]:
    """The highest resident memory of the service and database, sampled each s."""
    peaks: dict[str, float] = {}

    async def sample() -> None:
        while True:
            for key, value in stack.memory().items():
                if value is not None:
                    peaks[key] = max(peaks.get(key, 0.0), round(value, 1))
            await asyncio.sleep(1.0)

    task = asyncio.create_task(sample())
    try:
        yield peaks
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def measure_size(
    stack: Stack, plan: SeedPlan, options: Options
) -> dict[str, Any]:
    """Every operation at the size the stack was seeded with."""
    limits = httpx.Limits(max_connections=options.clients * 2)
    app = create_app(stack.settings, stack.graph)
    async with (
        httpx.AsyncClient(
            base_url=stack.url, headers=stack.headers, timeout=600, limits=limits
        ) as client,
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://bench",
            headers=stack.headers,
            timeout=600,
        ) as local,
        memory_sampler(stack) as peaks,
    ):
        stats = (await post(client, STATS, {}))["graphStats"]
        print(f"  graph: {stats}", flush=True)
        targets = await pick_targets(
            stack.graph.database, plan.organizations, options.learners
        )
        cases = await complete_steps(client, targets.learners)
        operations: dict[str, Any] = {}
        for operation in read_operations(targets):
            operations[operation.key] = await measure_read(
                operation, client, local, stack, options
            )
            report_line(operation.key, operations[operation.key])
        operations["profile_all"] = await measure_profile_all(
            stack, options.profile_batch, options.shards
        )
        operations["ingest"] = await measure_ingest(client, stack, plan, options)
        report_line("ingest", operations["ingest"])
        memory = {"end": stack.memory(), "peak_sampled": dict(peaks)}
    return {
        "plan": plan.__dict__,
        "seed_seconds": stack.seed_seconds,
        "summary_seconds": stack.summary_seconds,
        "graph": stats,
        "uplift_cases_made": cases,
        "memory_mb": memory,
        "operations": operations,
    }


def report_line(key: str, found: dict[str, Any]) -> None:
    """One progress line per operation measured."""
    service, raw = found["service"], found["raw"]
    print(
        f"  {key}: service {service['median_ms']} ms (p99 {service['p99_ms']}), "
        f"{service['throughput']['per_second']}/s; raw {raw['median_ms']} ms "
        f"(p99 {raw['p99_ms']}), {raw['throughput']['per_second']}/s",
        flush=True,
    )
