"""How fast events go into the graph: GraphQL batches against raw UNWIND.

    python -m bench.ingest --events 20000 [--batch-size 1000]

Starts the embedded ArcadeDB in a temporary folder, generates events with
`graph.seed` and writes the same events four ways, emptying the graph before
each, all in one run:

- `graphql`: the `recordEvents` mutation through the real app over httpx
  (checks, the reference read, the statements, the state refresh);
- `write path`: `graph.writes.write_events` called directly, without HTTP and
  GraphQL (the same work minus the API layer);
- `no refresh`: the write path's checks, reference read and statements, but
  not the refresh of the touched Relationships' state (`graph.states`);
- `raw unwind`: the statements of `cypher/write/` through `Database.write_all`
  with plans made before the clock starts (no checks, no reference read, no
  state refresh): the floor for this database.

Prints events per second of each and the ratio of each to the raw floor.
Kept out of the test suite; numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from api.app import create_app, graph_config
from api.auth import TokenConfig, issue_token
from api.settings import Settings
from graph.database import Database, Step
from graph.references import resolve_references
from graph.runtime import Graph, open_graph
from graph.seed import generate
from graph.validation import parse_events
from graph.writes import plan_writes, write_events
from resolvers.permissions import Principal, Role

RECORD_EVENTS = """
mutation ($events: [EventInput!]!) { recordEvents(events: $events) { written } }
"""
NOW = datetime(2025, 6, 1, tzinfo=UTC)

Raw = dict[str, Any]
Writer = Callable[[list[Raw]], Awaitable[None]]


def make_events(count: int) -> list[Raw]:
    """At least `count` generated events (catalogues first), cut to `count`."""
    customers = max(1, count // 18)
    while True:
        events = generate(2, customers, seed=42, now=NOW).events
        if len(events) >= count:
            return events[:count]
        customers = customers * 2


# Events that make an organization's catalogue: already in a seeded graph.
CATALOGUE = frozenset({"organization", "partner", "role", "action"})


def fresh_batches(
    count: int, size: int, tag: str, organizations: int, touchpoints: int
) -> list[list[Raw]]:
    """`count` batches of up to `size` events of customers new to a seeded graph.

    The events are those `sir seed` makes, for the seeded organizations, with
    customer ids (and so touchpoint and signal ids) marked by `tag`. A
    customer's events stay in one batch, so batches can go in any order or
    at the same time.
    """
    customers = max(1, count * size // (touchpoints + 8))
    while True:
        data = generate(
            organizations, customers, seed=7, touchpoints_per_customer=touchpoints
        )
        groups: dict[str, list[Raw]] = {}
        for event in data.events:
            if event["type"] in CATALOGUE:
                continue
            owner = event["id"] if event["type"] == "customer" else event["customer"]
            groups.setdefault(owner, []).append(tagged(event, tag))
        made = pack(list(groups.values()), size)
        if len(made) >= count:
            return made[:count]
        customers *= 2


def tagged(event: Raw, tag: str) -> Raw:
    """The event with its customer's id, and its own id, marked by `tag`."""
    copy = dict(event)
    if "customer" in copy:
        copy["customer"] = f"{tag}-{copy['customer']}"
    if copy["type"] in ("customer", "touchpoint", "signal"):
        copy["id"] = f"{tag}-{copy['id']}"
    return copy


def pack(groups: list[list[Raw]], size: int) -> list[list[Raw]]:
    """Whole groups of events put into batches of at most `size` events."""
    made: list[list[Raw]] = [[]]
    for group in groups:
        if made[-1] and len(made[-1]) + len(group) > size:
            made.append([])
        made[-1].extend(group)
    return [batch for batch in made if batch]


async def raw_steps(database: Database, batch: list[Raw]) -> list[Step]:
    """The UNWIND statements that write a batch, planned against the graph."""
    events = parse_events(batch, len(batch))
    owners = await resolve_references(database, events)
    return plan_writes(events, owners, now=datetime.now(UTC)).steps


def as_graphql(event: Raw) -> Raw:
    """An import-shaped event as a `@oneOf` EventInput."""
    fields = {k: v for k, v in event.items() if k != "type" and v is not None}
    return {event["type"]: fields}


def batches(events: list[Raw], size: int) -> list[list[Raw]]:
    """The events cut into batches of `size`."""
    return [events[i : i + size] for i in range(0, len(events), size)]


async def timed(
    database: Database, name: str, chunks: list[list[Raw]], write: Writer
) -> float:
    """Empty the graph, write every batch in order, return events per second."""
    await database.write("admin/delete_graph")
    started = time.perf_counter()
    for chunk in chunks:
        await write(chunk)
    seconds = time.perf_counter() - started
    total = sum(len(chunk) for chunk in chunks)
    print(f"{name:>12}: {total / seconds:9.0f} events/s ({seconds:.2f} s)")
    return total / seconds


async def plans(database: Database, chunks: list[list[Raw]]) -> list[list[Step]]:
    """The statements of every batch, made while the graph holds each earlier one."""
    await database.write("admin/delete_graph")
    made: list[list[Step]] = []
    for chunk in chunks:
        events = parse_events(chunk, len(chunk))
        plan = plan_writes(events, await resolve_references(database, events), now=NOW)
        await database.write_all(plan.steps)
        made.append(plan.steps)
    return made


def graphql_writer(client: httpx.AsyncClient) -> Writer:
    """Write a batch through the `recordEvents` mutation."""

    async def write(chunk: list[Raw]) -> None:
        variables = {"events": [as_graphql(event) for event in chunk]}
        response = await client.post(
            "/graphql", json={"query": RECORD_EVENTS, "variables": variables}
        )
        body = response.json()
        if "errors" in body:
            raise RuntimeError(f"the mutation failed: {body['errors'][0]}")

    return write


async def run(count: int, batch_size: int, data_dir: Path) -> None:
    """Generate, then time each way of writing on one embedded server."""
    settings = Settings(_env_file=None, data_dir=data_dir)  # type: ignore[call-arg]
    events = make_events(count)
    chunks = batches(events, batch_size)
    print(f"{len(events)} events in {len(chunks)} batches of up to {batch_size}")
    async with open_graph(graph_config(settings)) as graph:
        steps = await plans(graph.database, chunks)
        rates = await measure(graph, settings, chunks, steps)
    floor = rates["raw unwind"]
    for name, rate in rates.items():
        print(f"{name:>12}: {rate / floor:5.2f} of raw UNWIND")


async def measure(
    graph: Graph,
    settings: Settings,
    chunks: list[list[Raw]],
    steps: Sequence[list[Step]],
) -> dict[str, float]:
    """Events per second of each writer, after a warm-up pass of each."""
    database = graph.database
    token = issue_token(
        TokenConfig.from_settings(settings), Principal(Role.ADMIN, "bench", None, None)
    )
    app = create_app(settings, graph)
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {token}"}
    steps_of = {id(chunk): plan for chunk, plan in zip(chunks, steps, strict=True)}

    async def direct(chunk: list[Raw]) -> None:
        await write_events(database, chunk, limit=len(chunk))

    async def checked(chunk: list[Raw]) -> None:
        events = parse_events(chunk, len(chunk))
        owners = await resolve_references(database, events)
        await database.write_all(plan_writes(events, owners, now=NOW).steps)

    async def raw(chunk: list[Raw]) -> None:
        await database.write_all(steps_of[id(chunk)])

    async with httpx.AsyncClient(
        transport=transport, base_url="http://bench", headers=headers, timeout=120
    ) as client:
        writers = {
            "graphql": graphql_writer(client),
            "write path": direct,
            "no refresh": checked,
            "raw unwind": raw,
        }
        # A first pass over two batches warms up the server's query plans and JIT.
        for write in writers.values():
            await database.write("admin/delete_graph")
            for chunk in chunks[:2]:
                await write(chunk)
        return {
            name: await timed(database, name, chunks, write)
            for name, write in writers.items()
        }


def main() -> None:
    """Parse the options and run the benchmark in a throwaway data folder."""
    parser = argparse.ArgumentParser(prog="python -m bench.ingest")
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--batch-size", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sir-bench-") as folder:
        asyncio.run(run(args.events, args.batch_size, Path(folder)))


if __name__ == "__main__":
    main()
