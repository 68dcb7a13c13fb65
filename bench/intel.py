"""How fast SiR-Intel answers: GraphQL against the same raw Cypher.

    python -m bench.intel [--customers 10000] [--organizations 4] [--runs 30]

Starts the embedded ArcadeDB in a temporary folder, seeds it with
`graph.seed.seed_graph`, and completes `--cases` proposed steps through
`respondToStep` so that the graph holds uplift cases measured by live
snapshots (seeded history has a single snapshot, taken after it). Then, in
one run, it times sequential requests of:

- `nextBestSteps` of one relationship (ranked and recorded) through the real
  app over httpx, and the same three statements of `cypher/intel/`
  (contexts, uplift cases, recording) in one write transaction through the
  driver, with parameters made before the clock starts (the app remembers
  the organization's learned uplift, `SIR_INTEL_UPLIFT_TTL`, so after its
  first request it runs two of them; the raw side learns on every request);
- `coOwnershipOpportunities` of one organization (first 20), and its two
  statements (ladder, candidates) in one read transaction.

Prints the median and 99th percentile of each and the ratio of GraphQL to
raw Cypher. Kept out of the test suite; numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import neo4j

from api.app import create_app, graph_config
from api.auth import TokenConfig, issue_token
from api.settings import Settings
from graph.cypher import queries
from graph.database import Database
from graph.runtime import open_graph
from graph.seed import seed_graph
from resolvers.permissions import Principal, Role
from sir.config import DEFAULT_CONFIG
from sir.intel_config import DEFAULT_INTEL_CONFIG

STEPS = """
query ($id: ID!) {
  nextBestSteps(relationshipId: $id, first: 5) {
    rank score expectedUplift focusNeed reasons action { id key kind }
  }
}
"""
OPPORTUNITIES = """
query ($org: ID!) {
  coOwnershipOpportunities(organizationId: $org, first: 20) {
    totalCount
    edges { node { customer { id name } role { id rung } readiness score } }
  }
}
"""
RESPOND = """
mutation ($rel: ID!, $action: ID!) {
  respondToStep(relationshipId: $rel, actionId: $action, response: COMPLETED) {
    changed
  }
}
"""
Call = Callable[[], Awaitable[Any]]


async def post(client: httpx.AsyncClient, document: str, **variables: Any) -> Any:
    """One GraphQL request; fails loudly on an error."""
    response = await client.post(
        "/graphql", json={"query": document, "variables": variables}
    )
    body = response.json()
    if "errors" in body:
        raise RuntimeError(f"the request failed: {body['errors'][0]}")
    return body["data"]


async def timings(call: Call, runs: int, warmup: int = 3) -> list[float]:
    """Milliseconds of each of `runs` sequential calls, after a warm-up."""
    for _ in range(warmup):
        await call()
    found = []
    for _ in range(runs):
        started = time.perf_counter()
        await call()
        found.append((time.perf_counter() - started) * 1000)
    return found


def summary(name: str, values: list[float]) -> tuple[float, float]:
    """Print and return the median and 99th percentile of `values`."""
    ordered = sorted(values)
    median = statistics.median(ordered)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    print(f"{name:>34}: median {median:8.1f} ms   p99 {p99:8.1f} ms")
    return median, p99


def raw_statements(
    database: Database, names_and_params: list[tuple[str, dict[str, Any]]], write: bool
) -> Call:
    """The statements run through the driver in one transaction, nothing else."""
    texts = [(queries()[name], params) for name, params in names_and_params]

    async def work(tx: neo4j.AsyncManagedTransaction) -> None:
        for text, params in texts:
            result = await tx.run(text, params)
            await result.consume()

    async def call() -> None:
        async with database.driver.session(database=database.name) as session:
            if write:
                await session.execute_write(work)
            else:
                await session.execute_read(work)

    return call


async def complete_steps(client: httpx.AsyncClient, ids: list[str]) -> int:
    """Propose steps to each relationship and complete its first one."""
    done = 0
    for relationship in ids:
        found = (await post(client, STEPS, id=relationship))["nextBestSteps"]
        if found:
            action = found[0]["action"]["id"]
            await post(client, RESPOND, rel=relationship, action=action)
            done += 1
    return done


async def pick(database: Database, cases: int) -> tuple[list[str], str]:
    """Relationships of org-1 to learn from and measure with, and one to time."""
    rows = await database.read("profile/list_relationship_ids", after="", limit=5000)
    ids = [row["id"] for row in rows if row["id"].endswith("/org-1")]
    return ids[1 : cases + 1], ids[0]


async def run(args: argparse.Namespace, data_dir: Path) -> None:
    """Seed, make live cases, then time both queries both ways."""
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        data_dir=data_dir,
        embedded_heap=args.heap,
        transaction_timeout=300,
    )
    async with open_graph(graph_config(settings)) as graph:
        database = graph.database
        started = time.perf_counter()
        seeded = await seed_graph(database, args.organizations, args.customers, 42)
        print(
            f"seeded {args.customers} customers, {seeded.events} events in "
            f"{time.perf_counter() - started:.0f} s"
        )
        token = issue_token(
            TokenConfig.from_settings(settings),
            Principal(Role.ADMIN, "bench", None, None),
        )
        app = create_app(settings, graph)
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://bench",
            headers={"Authorization": f"Bearer {token}"},
            timeout=600,
        ) as client:
            learners, target = await pick(database, args.cases)
            done = await complete_steps(client, learners)
            print(f"completed {done} proposed steps: live uplift cases")
            await measure(client, database, target, args.runs)


async def measure(
    client: httpx.AsyncClient, database: Database, target: str, runs: int
) -> None:
    """Time each query through GraphQL and as raw Cypher, and print ratios."""
    now = datetime.now(UTC)
    window = max(
        DEFAULT_INTEL_CONFIG.fatigue_window_days,
        DEFAULT_INTEL_CONFIG.preference_window_days,
    )
    scope = {"scopeOrganizationId": None}
    contexts = await database.read(
        "intel/fetch_step_contexts",
        ids=[target],
        since=now - timedelta(days=window),
        **scope,
    )
    rows = [
        {"relationship": target, "action": a["id"], "rank": i + 1, "score": 1.0}
        for i, a in enumerate(contexts[0]["actions"][:5])
    ]
    steps_raw = raw_statements(
        database,
        [
            (
                "intel/fetch_step_contexts",
                {"ids": [target], "since": now - timedelta(days=window)} | scope,
            ),
            (
                "intel/summarize_uplift_cases",
                {
                    "organizations": ["org-1"],
                    "horizonDays": DEFAULT_INTEL_CONFIG.case_horizon_days,
                }
                | scope,
            ),
            (
                "intel/merge_recommendations",
                {"rows": rows, "at": now, "version": DEFAULT_INTEL_CONFIG.version},
            ),
        ],
        write=True,
    )
    opportunities_raw = raw_statements(
        database,
        [
            (
                "intel/fetch_role_ladder",
                {
                    "organization": "org-1",
                    "holderSample": DEFAULT_INTEL_CONFIG.holder_sample,
                }
                | scope,
            ),
            (
                "intel/fetch_role_candidates",
                {
                    "organization": "org-1",
                    "connectWeight": DEFAULT_CONFIG.resource_connect_weight,
                    "minQuality": DEFAULT_CONFIG.resource_min_quality
                    - DEFAULT_INTEL_CONFIG.resource_margin,
                }
                | scope,
            ),
        ],
        write=False,
    )
    found = await post(client, OPPORTUNITIES, org="org-1")
    print(
        f"relationship {target}; org-1 has "
        f"{found['coOwnershipOpportunities']['totalCount']} opportunities"
    )
    pairs: list[tuple[str, Call, Call]] = [
        ("nextBestSteps", lambda: post(client, STEPS, id=target), steps_raw),
        (
            "coOwnershipOpportunities",
            lambda: post(client, OPPORTUNITIES, org="org-1"),
            opportunities_raw,
        ),
    ]
    for name, graphql, raw in pairs:
        via_graphql = summary(f"{name} GraphQL", await timings(graphql, runs))
        via_raw = summary(f"{name} raw Cypher", await timings(raw, runs))
        print(
            f"{'GraphQL / raw':>34}: median {via_graphql[0] / via_raw[0]:8.2f} x   "
            f"p99 {via_graphql[1] / via_raw[1]:8.2f} x"
        )


def main() -> None:
    """Parse the options and run the benchmark in a throwaway data folder."""
    parser = argparse.ArgumentParser(prog="python -m bench.intel")
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--organizations", type=int, default=4)
    parser.add_argument("--cases", type=int, default=100)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--heap", default="2g")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sir-bench-") as folder:
        asyncio.run(run(args, Path(folder)))


if __name__ == "__main__":
    main()
