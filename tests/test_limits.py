"""Requests too deep, too wide, too long, too costly or too slow are refused."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack
from typing import Any

import httpx
import pytest
import strawberry
from graphql import get_introspection_query, parse

from api.app import create_app
from api.settings import Settings
from graph.database import Database
from graph.runtime import Graph
from resolvers.limits import Limits, estimate_cost, list_size
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


async def test_a_request_slower_than_the_transaction_timeout_is_refused(
    client_with: ClientWith,
    client: httpx.AsyncClient,
    settings: Settings,
    graph: Graph,
    database: Database,
) -> None:
    await database.write("testing/create_customers", prefix="load-", count=3000)
    assert graph.server is not None
    hasty = Database.connect(
        graph.server.uri,
        graph.server.user,
        graph.server.password,
        settings.embedded_database,
        timeout=0.001,
    )
    try:
        impatient = client_with(Graph(hasty, graph.server))

        refused = await post_graphql(impatient, STATS)
        health = await impatient.get("/health")
    finally:
        await hasty.close()
    answered = await post_graphql(client, STATS)

    error = only_error(refused)
    assert error["extensions"] == {"code": "UNAVAILABLE"}
    assert error["message"] == (
        "The database did not finish system/count_nodes within 0.001 s."
    )
    assert health.status_code == 200
    assert answered == {"data": {"graphStats": {"customers": 3000}}}


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
