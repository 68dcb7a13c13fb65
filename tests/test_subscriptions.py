"""GraphQL subscriptions over a real WebSocket to the real app (uvicorn).

A subscriber hears of a relationship's new state when a touchpoint is
written through the mutation, and of a co-ownership opportunity when a
customer starts to aspire to a role; only what its role and organization
may read, and only with valid credentials.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus

from api.app import create_app
from api.settings import Settings
from graph.database import Database
from graph.events import ChangeBus
from graph.runtime import Graph
from tests.conftest import bearer
from tests.live_support import LiveServer, graphql_socket, serve
from tests.test_intel import ORG, catalogue, record, resourceful
from tests.test_intel_opportunities import aspires, role

OTHER_ORG = "o-2"
RELATIONSHIP = "c-1/o-1"
STATE_CHANGED = """
subscription ($relationship: ID, $org: ID) {
  relationshipStateChanged(relationshipId: $relationship, organizationId: $org) {
    relationship { id organization { id } customer { id } }
    state { at goodwill tier gate type atRisk needs { need value } }
  }
}
"""
OPPORTUNITY_APPEARED = """
subscription ($org: ID!) {
  coOwnershipOpportunityAppeared(organizationId: $org) {
    customer { id } relationshipId role { id rung } readiness score reasons
  }
}
"""
RECORD_TOUCHPOINT = """
mutation ($input: TouchpointInput!) {
  recordTouchpoint(input: $input) { relationships }
}
"""
STATE = """
query ($id: ID!) {
  relationship(id: $id) { state { at goodwill tier gate type atRisk } }
}
"""


def touchpoint(id: str, customer: str = "c-1", organization: str = ORG) -> Any:
    """A phone call that served the customer well."""
    return {
        "id": id,
        "customer": customer,
        "organization": organization,
        "channel": "PHONE",
        "kind": "SUPPORT_REQUEST",
        "initiatedBy": "CUSTOMER",
        "at": "2024-05-01T10:00:00Z",
        "needs": [{"need": "SERVE", "fulfilment": 0.8}],
    }


def token(settings: Settings, role: str, **claims: str) -> dict[str, str]:
    """A `connection_init` payload that carries a bearer token."""
    return bearer(settings, role, **claims)


@pytest.fixture
async def live(
    settings: Settings, graph: Graph, database: Database
) -> AsyncIterator[LiveServer]:
    """The app on a free port, with two organizations and their customers."""
    async with serve(create_app(settings, graph)) as server:
        async with admin(settings, server) as client:
            await record(
                client_gql(client),
                [
                    *catalogue(),
                    {"organization": {"id": OTHER_ORG, "name": "Other"}},
                    {"customer": {"id": "c-1", "name": "Ada"}},
                ],
            )
        yield server


def admin(settings: Settings, server: LiveServer) -> httpx.AsyncClient:
    """An HTTP client of the live server that calls as ADMIN."""
    return httpx.AsyncClient(
        base_url=server.http, headers=bearer(settings, "ADMIN"), timeout=30
    )


def client_gql(client: httpx.AsyncClient) -> Any:
    """The `gql` call of the conftest, for a client of the live server."""

    async def call(document: str, **variables: Any) -> dict[str, Any]:
        response = await client.post(
            "/graphql", json={"query": document, "variables": variables}
        )
        body: dict[str, Any] = response.json()
        return body

    return call


def bus(server: LiveServer) -> ChangeBus:
    """The live app's change bus."""
    events: ChangeBus = server.app.state.service.events
    return events


async def until_subscribed(server: LiveServer, count: int = 1) -> None:
    """Wait until the app has started `count` subscriptions.

    graphql-transport-ws does not acknowledge a subscribe message, so a
    write sent at once could commit before the subscription listens.
    """
    async with asyncio.timeout(10):
        # The count lives in the app, which offers no event to wait on.
        while bus(server).subscribers < count:  # noqa: ASYNC110
            await asyncio.sleep(0.01)


async def write_touchpoint(settings: Settings, server: LiveServer, id: str) -> None:
    """Record a touchpoint through the mutation, as ADMIN."""
    async with admin(settings, server) as client:
        body = await client_gql(client)(RECORD_TOUCHPOINT, input=touchpoint(id))
    assert "errors" not in body, body


async def test_a_subscriber_receives_the_new_state_of_a_touchpoint_write(
    settings: Settings, live: LiveServer
) -> None:
    # The first contact creates the relationship that is subscribed to.
    await write_touchpoint(settings, live, "t-0")
    async with graphql_socket(live.ws) as ws:
        assert (await ws.init(token(settings, "AGENT", org=ORG)))["type"] == (
            "connection_ack"
        )
        await ws.subscribe("s1", STATE_CHANGED, relationship=RELATIONSHIP)
        await until_subscribed(live)

        await write_touchpoint(settings, live, "t-1")
        message = await ws.next_of("s1")

    assert message["type"] == "next", message
    change = message["payload"]["data"]["relationshipStateChanged"]
    assert change["relationship"] == {
        "id": RELATIONSHIP,
        "organization": {"id": ORG},
        "customer": {"id": "c-1"},
    }
    async with admin(settings, live) as client:
        stored = await client_gql(client)(STATE, id=RELATIONSHIP)
    expected = stored["data"]["relationship"]["state"]
    assert {key: change["state"][key] for key in expected} == expected
    serve = next(n for n in change["state"]["needs"] if n["need"] == "SERVE")
    assert serve["value"] > 0.5


async def test_another_organization_hears_nothing_of_a_write(
    settings: Settings, live: LiveServer
) -> None:
    async with (
        graphql_socket(live.ws) as own,
        graphql_socket(live.ws) as other,
    ):
        await own.init(token(settings, "ANALYST", org=ORG))
        await other.init(token(settings, "AGENT", org=OTHER_ORG))
        await own.subscribe("mine", STATE_CHANGED)
        # No organization given: an AGENT hears of its own organization only.
        await other.subscribe("theirs", STATE_CHANGED)
        await until_subscribed(live, 2)

        await write_touchpoint(settings, live, "t-2")
        heard = await own.next_of("mine")
        with pytest.raises(TimeoutError):
            await other.next_of("theirs", seconds=1.0)

    assert heard["payload"]["data"]["relationshipStateChanged"]["relationship"][
        "id"
    ] == (RELATIONSHIP)


@pytest.mark.parametrize(
    ("claims", "query", "variables"),
    [
        ({"role": "AGENT", "org": OTHER_ORG}, STATE_CHANGED, {"org": ORG}),
        ({"role": "AGENT", "org": OTHER_ORG}, OPPORTUNITY_APPEARED, {"org": ORG}),
        ({"role": "PARTNER", "partner": "p-1"}, STATE_CHANGED, {}),
        ({"role": "PARTNER", "partner": "p-1"}, OPPORTUNITY_APPEARED, {"org": ORG}),
    ],
)
async def test_a_subscription_beyond_the_callers_reach_is_forbidden(
    settings: Settings,
    live: LiveServer,
    claims: dict[str, str],
    query: str,
    variables: dict[str, Any],
) -> None:
    role_name = claims.pop("role")
    async with graphql_socket(live.ws) as ws:
        await ws.init(token(settings, role_name, **claims))
        await ws.subscribe("s1", query, **variables)
        message = await ws.next_of("s1")

    errors = message["payload"] if message["type"] == "error" else None
    errors = errors or message["payload"]["errors"]
    assert errors[0]["extensions"]["code"] == "FORBIDDEN", message


async def test_an_unknown_or_hidden_relationship_is_not_found(
    settings: Settings, live: LiveServer
) -> None:
    await write_touchpoint(settings, live, "t-3")
    async with graphql_socket(live.ws) as ws:
        await ws.init(token(settings, "AGENT", org=OTHER_ORG))
        await ws.subscribe("s1", STATE_CHANGED, relationship=RELATIONSHIP)
        message = await ws.next_of("s1")

    errors = message["payload"] if message["type"] == "error" else None
    errors = errors or message["payload"]["errors"]
    assert errors[0]["extensions"]["code"] == "NOT_FOUND", message
    assert RELATIONSHIP in errors[0]["message"]


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"Authorization": "Bearer not-a-jwt"},
        {"Authorization": "Basic dXNlcjpwYXNz"},
    ],
    ids=["no-token", "bad-token", "wrong-scheme"],
)
async def test_a_connection_without_valid_credentials_is_closed(
    live: LiveServer, payload: dict[str, str]
) -> None:
    async with graphql_socket(live.ws) as ws:
        await ws.send({"type": "connection_init", "payload": payload})
        with pytest.raises(ConnectionClosed) as closed:
            await ws.receive()

    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 4403


async def test_a_bad_token_in_the_handshake_is_refused_before_it_opens(
    live: LiveServer,
) -> None:
    with pytest.raises(InvalidStatus) as refused:
        async with graphql_socket(live.ws, {"Authorization": "Bearer nonsense"}):
            pass

    assert refused.value.response.status_code == 403


async def test_a_token_in_the_handshake_needs_no_connection_payload(
    settings: Settings, live: LiveServer
) -> None:
    async with graphql_socket(live.ws, bearer(settings, "ADMIN")) as ws:
        ack = await ws.init({})
        await ws.subscribe("s1", STATE_CHANGED, org=ORG)
        await until_subscribed(live)
        await write_touchpoint(settings, live, "t-4")
        message = await ws.next_of("s1")

    assert ack["type"] == "connection_ack"
    assert message["payload"]["data"]["relationshipStateChanged"]["state"]["at"]


async def test_a_new_co_ownership_opportunity_is_announced_once(
    settings: Settings, live: LiveServer
) -> None:
    async with admin(settings, live) as client:
        gql = client_gql(client)
        await record(gql, [role("reviewer", 1), *resourceful("c-ready")])
    async with graphql_socket(live.ws) as ws:
        await ws.init(token(settings, "ANALYST", org=ORG))
        await ws.subscribe("s1", OPPORTUNITY_APPEARED, org=ORG)
        await until_subscribed(live)

        async with admin(settings, live) as client:
            await record(client_gql(client), [aspires("c-ready", "reviewer")])
        message = await ws.next_of("s1")
        async with admin(settings, live) as client:
            # The same opportunity again is not news.
            await record(client_gql(client), [aspires("c-ready", "reviewer", 0.9)])
        with pytest.raises(TimeoutError):
            await ws.next_of("s1", seconds=1.0)

    found = message["payload"]["data"]["coOwnershipOpportunityAppeared"]
    assert found["customer"] == {"id": "c-ready"}
    assert found["role"] == {"id": "reviewer", "rung": 1}
    assert found["reasons"]
