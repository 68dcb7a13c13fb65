"""The batch mutation: mixed events in one transaction, all or nothing."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from api.app import create_app
from api.settings import Settings
from graph.database import Database
from graph.runtime import Graph
from tests.conftest import GraphQLCall, bearer
from tests.writes_support import (
    RECORD_EVENTS,
    UPSERT_CUSTOMER,
    counts,
    edges,
    error_of,
    node,
)

SETUP = [
    {"organization": {"id": "org-1", "name": "Harbour Bikes"}},
    {"customer": {"id": "c-1", "name": "Ada"}},
]


def touchpoint(number: int, **change: Any) -> dict[str, Any]:
    """A touchpoint event of customer c-1 with organization org-1."""
    return {
        "touchpoint": {
            "id": f"t-{number}",
            "customer": "c-1",
            "organization": "org-1",
            "channel": "EMAIL",
            "kind": "NEWSLETTER",
            "initiatedBy": "ORGANIZATION",
            "at": f"2024-05-{number % 28 + 1:02d}T10:00:00Z",
            "needs": [{"need": "SERVE", "fulfilment": 0.5}],
            **change,
        }
    }


MIXED = [
    # References may come before the event that creates what they name.
    touchpoint(1),
    *SETUP,
    {"partner": {"id": "p-1", "name": "Repair Cafe", "organization": "org-1"}},
    {
        "role": {
            "id": "role-1",
            "organization": "org-1",
            "key": "helper",
            "name": "Helper",
            "rung": 2,
            "partner": "p-1",
        }
    },
    {
        "action": {
            "id": "a-1",
            "organization": "org-1",
            "key": "invite",
            "kind": "ROLE_INVITATION",
        }
    },
    {
        "signal": {
            "id": "s-1",
            "customer": "c-1",
            "organization": "org-1",
            "kind": "FEEDBACK",
            "at": "2024-05-02T00:00:00Z",
        }
    },
    {
        "roleStatus": {
            "customer": "c-1",
            "role": "role-1",
            "status": "EXPLORING",
            "since": "2024-05-03T00:00:00Z",
        }
    },
    {
        "aspiration": {
            "customer": "c-1",
            "role": "role-1",
            "at": "2024-05-03T00:00:00Z",
            "clarity": 0.5,
            "motivation": 0.5,
            "ability": 0.5,
        }
    },
    {
        "contactPreferences": {
            "customer": "c-1",
            "organization": "org-1",
            "at": "2024-05-04T00:00:00Z",
            "preferredChannel": "EMAIL",
        }
    },
    {
        "actionReceived": {
            "customer": "c-1",
            "action": "a-1",
            "at": "2024-05-05T00:00:00Z",
            "outcome": "POSITIVE",
        }
    },
]


async def test_a_mixed_batch_writes_every_kind_of_event(
    gql: GraphQLCall, database: Database
) -> None:
    body = await gql(RECORD_EVENTS, events=MIXED)

    assert body["data"]["recordEvents"]["written"] == len(MIXED)
    assert body["data"]["recordEvents"]["relationships"] == ["c-1/org-1"]
    found = await counts(database)
    for label in ("Organization", "Customer", "Partner", "Role", "Action"):
        assert found[label] == 1, label
    for kind in ("HAD", "SIGNALLED", "PLAYS", "ASPIRES_TO", "RECEIVED", "HOSTS"):
        assert found[kind] == 1, kind


async def test_a_mixed_batch_sent_twice_leaves_the_graph_as_once(
    gql: GraphQLCall, database: Database
) -> None:
    await gql(RECORD_EVENTS, events=MIXED)
    once = await counts(database)

    await gql(RECORD_EVENTS, events=MIXED)

    assert await counts(database) == once


async def test_a_batch_runs_one_statement_per_event_kind(
    gql: GraphQLCall, database: Database
) -> None:
    await gql(RECORD_EVENTS, events=SETUP)
    database.stats.round_trips = 0

    body = await gql(RECORD_EVENTS, events=[touchpoint(n) for n in range(200)])

    assert body["data"]["recordEvents"]["written"] == 200
    # One read of the references, the relationships, the touchpoints; the rest
    # is the refresh of the relationship's state, which does not grow either.
    assert database.stats.round_trips <= 6
    assert (await counts(database))["Touchpoint"] == 200


async def test_a_batch_with_one_bad_event_writes_nothing(
    gql: GraphQLCall, database: Database
) -> None:
    events = [*SETUP, touchpoint(1), touchpoint(2, effort=2.5), touchpoint(3)]

    body = await gql(RECORD_EVENTS, events=events)

    error = error_of(body)
    assert error["extensions"] == {
        "code": "BAD_USER_INPUT",
        "field": "effort",
        "item": 3,
        "value": 2.5,
    }
    assert error["message"] == (
        'Field "effort" of touchpoint "t-2" must be a number from 0 to 1, not 2.5.'
    )
    assert await counts(database) == {"Need": 3}


async def test_a_reference_to_nothing_in_a_batch_writes_nothing(
    gql: GraphQLCall, database: Database
) -> None:
    events = [*SETUP, touchpoint(1), touchpoint(2, customer="c-9")]

    body = await gql(RECORD_EVENTS, events=events)

    error = error_of(body)
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert (error["extensions"]["item"], error["extensions"]["value"]) == (3, "c-9")
    assert await counts(database) == {"Need": 3}


async def test_a_duplicate_id_in_a_batch_is_refused(
    gql: GraphQLCall, database: Database
) -> None:
    body = await gql(RECORD_EVENTS, events=[*SETUP, touchpoint(1), touchpoint(1)])

    error = error_of(body)
    assert error["message"] == (
        'Touchpoint "t-1" appears twice in the batch, as events 2 and 3.'
    )
    assert error["extensions"]["item"] == 3
    assert await counts(database) == {"Need": 3}


async def test_an_empty_batch_is_refused(gql: GraphQLCall) -> None:
    body = await gql(RECORD_EVENTS, events=[])

    error = error_of(body)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"] == "The batch holds no events."


async def test_an_event_with_two_kinds_is_refused_by_graphql(
    gql: GraphQLCall, database: Database
) -> None:
    both = {**SETUP[0], **SETUP[1]}

    body = await gql(RECORD_EVENTS, events=[both])

    assert "exactly one" in body["errors"][0]["message"].lower()
    assert await counts(database) == {"Need": 3}


async def test_an_unknown_enum_in_a_batch_is_refused_by_graphql(
    gql: GraphQLCall, database: Database
) -> None:
    body = await gql(RECORD_EVENTS, events=[*SETUP, touchpoint(1, channel="PIGEON")])

    assert "PIGEON" in body["errors"][0]["message"]
    assert await counts(database) == {"Need": 3}


@pytest.fixture
async def small_batches(
    settings: Settings, graph: Graph, database: Database
) -> AsyncIterator[httpx.AsyncClient]:
    """A client of an app that takes at most three events per batch."""
    app = create_app(settings.model_copy(update={"batch_max": 3}), graph)
    transport = httpx.ASGITransport(app=app)
    headers = bearer(settings, "ADMIN")
    async with httpx.AsyncClient(
        transport=transport, base_url="http://sir.test", headers=headers
    ) as c:
        yield c


async def test_a_batch_above_the_configured_maximum_is_refused(
    small_batches: httpx.AsyncClient, database: Database
) -> None:
    events = [*SETUP, touchpoint(1), touchpoint(2)]

    response = await small_batches.post(
        "/graphql", json={"query": RECORD_EVENTS, "variables": {"events": events}}
    )

    error = error_of(response.json())
    assert error["message"] == "The batch holds 4 events; at most 3 are allowed."
    assert error["extensions"]["value"] == 4
    assert await counts(database) == {"Need": 3}


async def test_concurrent_identical_upserts_make_one_node(
    gql: GraphQLCall, database: Database
) -> None:
    customer = {"id": "c-race", "name": "Racer"}

    bodies = await asyncio.gather(
        *(gql(UPSERT_CUSTOMER, input=customer) for _ in range(10))
    )

    assert [b.get("errors") for b in bodies] == [None] * 10
    assert (await counts(database))["Customer"] == 1


async def test_concurrent_first_contacts_make_one_relationship(
    gql: GraphQLCall, database: Database
) -> None:
    await gql(RECORD_EVENTS, events=SETUP)

    bodies = await asyncio.gather(
        *(gql(RECORD_EVENTS, events=[touchpoint(1)]) for _ in range(10))
    )

    assert [b.get("errors") for b in bodies] == [None] * 10
    found = await counts(database)
    assert (found["Relationship"], found["Touchpoint"]) == (1, 1)
    assert (found["IN"], found["WITH"], found["HAD"]) == (1, 1, 1)
    assert len(edges(await node(database, "t-1"), "ADDRESSED")) == 1
