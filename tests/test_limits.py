"""Requests too deep, too wide, too long, too costly or too slow are refused."""

from __future__ import annotations

import logging
import shutil
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest
import strawberry
from graphql import get_introspection_query, parse

from api.app import create_app
from api.settings import Settings
from graph.cypher import CYPHER_DIR, Queries
from graph.database import Database
from graph.runtime import Graph, GraphConfig, open_graph
from resolvers.limits import Limits, estimate_cost, list_size
from sir.errors import Unavailable
from tests.conftest import bearer, post_graphql

ClientWith = Callable[..., httpx.AsyncClient]

STATS = "{ graphStats { customers } }"
PORTAL = """
query ($first: Int! = 10) {
  partnerPortal(partnerId: "p-1") {
    id
    name
    customers(first: $first) { edges { node { id name roles { id key name } } } }
  }
}
"""
# partnerPortal 1 + id 1 + name 1 + customers (1 + first x edges), where
# edges = 1 + node (1 + id 1 + name 1 + roles (1 + 20 x 3)) = 65, the 20
# being the roles' list_size; with first = 10 that is 654.
PORTAL_COST = 654


@pytest.fixture
async def client_with(
    settings: Settings, graph: Graph, database: Database
) -> AsyncIterator[ClientWith]:
    """Make ADMIN clients of apps whose settings differ: `client_with(x=1)`."""
    async with AsyncExitStack() as stack:

        def make(serving: Graph = graph, **changes: Any) -> httpx.AsyncClient:
            app = create_app(settings.model_copy(update=changes), serving)
            client = httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app),
                base_url="http://sir.test",
                headers=bearer(settings, "ADMIN"),
            )
            stack.push_async_callback(client.aclose)
            return client

        yield make


def only_error(body: dict[str, Any]) -> dict[str, Any]:
    """The single error of a refused request, which returned no data."""
    assert body.get("data") is None, body
    assert len(body["errors"]) == 1, body
    error: dict[str, Any] = body["errors"][0]
    return error


def aliases(count: int) -> str:
    return (
        "{ "
        + " ".join(f"a{i}: graphStats {{ customers }}" for i in range(count))
        + " }"
    )


async def test_a_query_deeper_than_the_limit_is_refused(
    client_with: ClientWith,
) -> None:
    shallow = client_with(max_query_depth=3)

    body = await post_graphql(shallow, PORTAL)

    error = only_error(body)
    assert error["extensions"] == {"code": "QUERY_TOO_DEEP"}
    assert error["message"] == "The query is nested more than 3 levels deep, the limit."


async def test_depth_counts_through_fragments(client_with: ClientWith) -> None:
    shallow = client_with(max_query_depth=3)
    document = """
    { partnerPortal(partnerId: "p-1") { ...Customers } }
    fragment Customers on PartnerPortal { customers { edges { node { id } } } }
    """

    body = await post_graphql(shallow, document)

    assert only_error(body)["extensions"]["code"] == "QUERY_TOO_DEEP"


async def test_more_aliases_than_the_default_limit_are_refused(
    client: httpx.AsyncClient,
) -> None:
    body = await post_graphql(client, aliases(16))

    error = only_error(body)
    assert error["extensions"] == {"code": "TOO_MANY_ALIASES"}
    assert error["message"] == "The query uses 16 aliases, more than the limit of 15."


async def test_as_many_aliases_as_the_limit_are_answered(
    client: httpx.AsyncClient,
) -> None:
    body = await post_graphql(client, aliases(15))

    assert "errors" not in body
    assert len(body["data"]) == 15


async def test_aliases_amplified_through_fragments_are_counted(
    client_with: ClientWith,
) -> None:
    few = client_with(max_aliases=4)
    document = """
    { one: graphStats { ...Counts } two: graphStats { ...Counts } }
    fragment Counts on GraphStats { x: customers y: organizations }
    """

    body = await post_graphql(few, document)

    error = only_error(body)
    assert error["extensions"]["code"] == "TOO_MANY_ALIASES"
    assert "uses 6 aliases" in error["message"]


async def test_a_document_with_too_many_tokens_is_refused(
    client_with: ClientWith,
) -> None:
    terse = client_with(max_tokens=20)

    body = await post_graphql(terse, aliases(4))

    error = only_error(body)
    assert error["extensions"] == {"code": "TOO_MANY_TOKENS"}
    assert error["message"] == (
        "The query has more than 20 tokens, the limit of this service."
    )


async def test_a_syntax_error_has_the_parse_failed_code(
    client: httpx.AsyncClient,
) -> None:
    body = await post_graphql(client, "{ graphStats { customers }")

    error = only_error(body)
    assert error["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    assert error["message"].startswith("Syntax Error")


async def test_a_query_over_the_cost_limit_is_refused_naming_both(
    client_with: ClientWith,
) -> None:
    frugal = client_with(max_query_cost=500)

    body = await post_graphql(frugal, PORTAL)

    error = only_error(body)
    assert error["extensions"] == {
        "code": "QUERY_TOO_COSTLY",
        "cost": PORTAL_COST,
        "limit": 500,
    }
    assert error["message"] == (
        f"The query would cost {PORTAL_COST}, more than the limit of 500; ask for "
        "smaller pages or fewer fields."
    )


async def test_the_cost_follows_the_page_size_in_variables(
    client_with: ClientWith,
) -> None:
    frugal = client_with(max_query_cost=500)

    small = await post_graphql(frugal, PORTAL, first=5)
    large = await post_graphql(frugal, PORTAL, first=50)

    assert small["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert only_error(large)["extensions"]["cost"] == 3 + 1 + 50 * 65


async def test_a_page_size_left_out_counts_as_the_fields_default(
    client_with: ClientWith,
) -> None:
    frugal = client_with(max_query_cost=10)
    document = (
        '{ partnerPortal(partnerId: "p-1") { customers { edges { node { id } } } } }'
    )

    body = await post_graphql(frugal, document)

    # partnerPortal 1 + customers (1 + 20 x (edges 1 + node (1 + id 1))).
    assert only_error(body)["extensions"]["cost"] == 1 + 1 + 20 * 3


async def test_graphiqls_own_introspection_query_fits_the_default_limits(
    client: httpx.AsyncClient,
) -> None:
    body = await post_graphql(client, get_introspection_query(descriptions=True))

    assert "errors" not in body
    assert body["data"]["__schema"]["queryType"]["name"] == "Query"


@pytest.mark.parametrize(
    "document",
    ["{ __schema { types { name } } }", '{ __type(name: "Query") { name } }'],
    ids=["schema", "type"],
)
async def test_introspection_can_be_switched_off(
    client_with: ClientWith, document: str
) -> None:
    closed = client_with(introspection=False)

    body = await post_graphql(closed, document)

    error = only_error(body)
    assert error["extensions"] == {"code": "INTROSPECTION_DISABLED"}
    assert error["message"] == "Introspection is disabled on this service."


async def test_typename_still_works_without_introspection(
    client_with: ClientWith,
) -> None:
    closed = client_with(introspection=False)

    body = await post_graphql(closed, "{ graphStats { __typename customers } }")

    assert body == {
        "data": {"graphStats": {"__typename": "GraphStats", "customers": 0}}
    }


async def test_an_oversized_body_is_refused_with_413(client_with: ClientWith) -> None:
    small = client_with(max_body_bytes=2048)
    padding = "#" + "x" * 4096 + "\n"

    response = await small.post("/graphql", json={"query": padding + STATS})

    assert response.status_code == 413
    assert response.json() == {
        "error": "payload_too_large",
        "reason": (
            "The request body is larger than 2048 bytes, the limit of this service."
        ),
    }


async def test_an_oversized_chunked_body_is_refused_with_413(
    client_with: ClientWith,
) -> None:
    small = client_with(max_body_bytes=2048)

    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"query": "'
        for _ in range(10):
            yield b"#" * 500
        yield b'"}'

    response = await small.post(
        "/graphql", content=chunks(), headers={"content-type": "application/json"}
    )

    assert "content-length" not in response.request.headers
    assert response.status_code == 413


async def test_a_body_under_the_limit_is_answered(client_with: ClientWith) -> None:
    small = client_with(max_body_bytes=2048)

    body = await post_graphql(small, STATS)

    assert body == {"data": {"graphStats": {"customers": 0}}}


SLOW = "{ customers(first: 100) { edges { node { id } } } }"


async def test_a_request_slower_than_the_transaction_timeout_is_refused(
    client_with: ClientWith,
    client: httpx.AsyncClient,
    settings: Settings,
    graph: Graph,
    database: Database,
) -> None:
    # Sorting 20,000 customers by name takes the embedded server about half a
    # second; counting nodes a few milliseconds.
    await database.write("testing/create_customers", prefix="load-", count=20_000)
    assert graph.server is not None
    hasty = Database.connect(
        graph.server.uri,
        graph.server.user,
        graph.server.password,
        settings.embedded_database,
        timeout=0.25,
    )
    try:
        impatient = client_with(Graph(hasty, graph.server))

        refused = await post_graphql(impatient, SLOW)
        fast = await post_graphql(impatient, STATS)
    finally:
        await hasty.close()
    patient = await post_graphql(client, SLOW)

    error = only_error(refused)
    assert error["extensions"] == {"code": "UNAVAILABLE"}
    assert error["message"] == (
        "The database did not finish read/list_customers within 0.25 s."
    )
    assert fast == {"data": {"graphStats": {"customers": 20_000}}}
    assert len(patient["data"]["customers"]["edges"]) == 100


async def test_the_embedded_server_itself_stops_a_statement_at_the_timeout(
    tmp_path: Path,
) -> None:
    config = GraphConfig(
        uri=None,
        user="root",
        password=None,
        name=None,
        data_dir=tmp_path / "data",
        heap="256m",
        transaction_timeout=0.3,
    )
    async with open_graph(config, run_migrations=False) as own:
        assert own.server is not None
        # A client that would wait a minute: only the server can stop it.
        waiting = Database.connect(
            own.server.uri,
            own.server.user,
            own.server.password,
            config.embedded_database,
            timeout=60,
        )
        try:
            with pytest.raises(Unavailable) as stopped:
                await waiting.read("testing/count_to", count=1_000_000, rounds=8)
            counted = await waiting.read("testing/count_to", count=70, rounds=1)
        finally:
            await waiting.close()

    assert str(stopped.value) == (
        "The database stopped testing/count_to at its transaction timeout."
    )
    assert counted == [{"multiples": 10}]


async def test_a_page_larger_than_the_setting_is_refused(
    client_with: ClientWith,
) -> None:
    small = client_with(max_page_size=5)

    body = await post_graphql(small, "{ customers(first: 6) { totalCount } }")
    fits = await post_graphql(small, "{ customers(first: 5) { totalCount } }")

    error = only_error(body)
    assert error["extensions"] == {
        "code": "BAD_USER_INPUT",
        "field": "first",
        "value": 6,
    }
    assert error["message"] == 'The argument "first" must be from 0 to 5, not 6.'
    assert fits == {"data": {"customers": {"totalCount": 0}}}


async def test_an_internal_error_is_masked_for_the_client_and_logged_whole(
    client_with: ClientWith,
    settings: Settings,
    graph: Graph,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # A copy of the statements in which one has a syntax error: the database
    # refuses it with an error that is nobody's input mistake.
    shutil.copytree(CYPHER_DIR, tmp_path / "cypher")
    broken = tmp_path / "cypher" / "system" / "count_nodes.cypher"
    broken.write_text("MATCH (n) RETURN count(secret_detail) AS organizations\n")
    assert graph.server is not None
    faulty = Database.connect(
        graph.server.uri,
        graph.server.user,
        graph.server.password,
        settings.embedded_database,
        statements=Queries(tmp_path / "cypher"),
    )
    try:
        with caplog.at_level(logging.ERROR, logger="sir.graphql"):
            body = await post_graphql(client_with(Graph(faulty, graph.server)), STATS)
    finally:
        await faulty.close()

    error = only_error(body)
    assert error["message"] == "Unexpected error; it has been logged."
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR"}
    assert "secret_detail" not in str(body)
    logged = [r for r in caplog.records if r.name == "sir.graphql"]
    assert logged[0].getMessage() == "unexpected error in graphStats"
    assert logged[0].exc_info is not None
    assert "secret_detail" in str(logged[0].exc_info[1])


@strawberry.type
class Item:
    a: int
    b: int


@strawberry.type
class ItemConnection:
    edges: list[Item]


@strawberry.type
class Query:
    @strawberry.field
    def items(self) -> list[Item]:
        return []

    @strawberry.field
    def page(self, first: int | None = None) -> ItemConnection:
        return ItemConnection(edges=[])

    @strawberry.field(metadata=list_size(3))
    def few(self) -> list[Item]:
        return []


@pytest.mark.parametrize(
    ("document", "cost"),
    [
        ("{ items { a b } }", 1 + 50 * 2),
        ("{ page { edges { a } } }", 1 + 50 * (1 + 1)),
        ("{ page(first: 4) { edges { a } } }", 1 + 4 * (1 + 1)),
        ("{ few { a b } }", 1 + 3 * 2),
        ("{ items { ...F } } fragment F on Item { a ...F }", 1 + 50 * 1),
        ("{ items { ... on Item { a b } } }", 1 + 50 * 2),
    ],
    ids=["list", "connection", "first", "list size", "fragment cycle", "inline"],
)
def test_the_cost_estimate_of_lists_and_connections(document: str, cost: int) -> None:
    schema = strawberry.Schema(query=Query)

    estimate = estimate_cost(
        schema._schema, parse(document), None, {}, Limits(max_page_size=50)
    )

    assert estimate == cost
