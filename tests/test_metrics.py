"""`/metrics` counts operations, errors, latency and database work of one app."""

from __future__ import annotations

import asyncio
import gc

import httpx
from prometheus_client.parser import text_string_to_metric_families

from api.app import create_app
from api.metrics import MAX_OPERATION_NAMES, OTHER_OPERATIONS, ServiceMetrics
from api.settings import Settings
from graph.database import Database
from graph.runtime import Graph
from resolvers.observability import OperationReport
from tests.conftest import GraphQLCall

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]
RECORD = """
mutation ($events: [EventInput!]!) { recordEvents(events: $events) { written } }
"""


async def scrape(client: httpx.AsyncClient) -> Samples:
    """Every sample of `/metrics`, keyed by name and labels."""
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float | None:
    return samples.get((name, frozenset(labels.items())))


async def test_requests_are_counted_and_timed_by_operation(
    client: httpx.AsyncClient, gql: GraphQLCall
) -> None:
    await gql("query Stats { graphStats { customers } }")
    await gql("query Stats { graphStats { touchpoints } }")
    await gql("query Other { graphStats { organizations } }")

    samples = await scrape(client)

    assert value(samples, "sir_graphql_requests_total", operation="Stats") == 2
    assert value(samples, "sir_graphql_requests_total", operation="Other") == 1
    assert value(samples, "sir_graphql_duration_seconds_count", operation="Stats") == 2
    assert value(samples, "sir_graphql_duration_seconds_sum", operation="Stats") > 0


async def test_errors_are_counted_by_operation_and_code(
    client: httpx.AsyncClient, gql: GraphQLCall
) -> None:
    await gql("query Broken { nonsense }")
    await gql("query Fine { graphStats { customers } }")

    samples = await scrape(client)

    errors, code = "sir_graphql_errors_total", "GRAPHQL_VALIDATION_FAILED"
    assert value(samples, errors, operation="Broken", code=code) == 1
    assert value(samples, errors, operation="Fine", code=code) is None


async def test_database_transactions_are_timed_by_kind_and_outcome(
    client: httpx.AsyncClient, gql: GraphQLCall, database: Database
) -> None:
    await gql("query Stats { graphStats { customers } }")
    await database.write("admin/delete_graph")

    samples = await scrape(client)

    name = "sir_db_transaction_duration_seconds_count"
    assert value(samples, name, kind="read", outcome="ok") == 1
    assert value(samples, name, kind="write", outcome="ok") == 1


async def test_retries_and_the_embedded_server_are_reported(
    client: httpx.AsyncClient, gql: GraphQLCall, database: Database
) -> None:
    # The app counts its database's retries from its start: make some, with
    # clients that write the same new customer at the same moment.
    before = (await scrape(client))["sir_db_retries_total", frozenset()]
    started = database.stats.retries
    for round in range(20):
        events = [{"customer": {"id": f"c-race-{round}", "name": "Race"}}]
        await asyncio.gather(*(gql(RECORD, events=events) for _ in range(8)))
        if database.stats.retries > started:
            break

    samples = await scrape(client)

    assert database.stats.retries > started
    assert value(samples, "sir_db_retries_total") == before + (
        database.stats.retries - started
    )
    assert value(samples, "sir_embedded_server_up") == 1


async def test_each_app_keeps_its_own_counts(
    settings: Settings, graph: Graph, client: httpx.AsyncClient, gql: GraphQLCall
) -> None:
    other = create_app(settings, graph)
    transport = httpx.ASGITransport(app=other)

    await gql("query Stats { graphStats { customers } }")
    async with httpx.AsyncClient(transport=transport, base_url="http://b") as b:
        samples = await scrape(b)

    assert value(samples, "sir_graphql_requests_total", operation="Stats") is None


async def test_an_app_that_is_gone_stops_observing_the_database(
    settings: Settings, graph: Graph
) -> None:
    gc.collect()
    before = len(graph.database.stats.observers)
    app = create_app(settings, graph)
    during = len(graph.database.stats.observers)

    del app
    gc.collect()

    assert during == before + 1
    assert len(graph.database.stats.observers) == before


def test_operation_names_past_the_limit_are_counted_together() -> None:
    metrics = ServiceMetrics(lambda: None, embedded=False)
    names = [f"Op{number}" for number in range(MAX_OPERATION_NAMES + 5)]

    for name in names:
        metrics.observe_operation(OperationReport(name, "query", 0.01, (), None))

    counts = {
        sample.labels["operation"]: sample.value
        for family in metrics.registry.collect()
        for sample in family.samples
        if sample.name == "sir_graphql_requests_total"
    }
    assert len(counts) == MAX_OPERATION_NAMES + 1
    assert counts[OTHER_OPERATIONS] == 5


def test_an_external_database_has_no_embedded_server_gauge() -> None:
    metrics = ServiceMetrics(lambda: None, embedded=False)

    names = {family.name for family in metrics.registry.collect()}

    assert "sir_embedded_server_up" not in names
    assert "sir_db_retries" in names
