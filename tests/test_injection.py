"""Values that look like Cypher or GraphQL stay values: stored, read back, inert."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from graph.database import Database
from tests.conftest import ClientFor, post_graphql
from tests.writes_support import counts

INJECTIONS = [
    '"}) MATCH (n) DETACH DELETE n //',
    "'; DROP DATABASE sir; //",
    "{ __schema { types { name } } }",
    "$param",
    "`Customer` ` MATCH (n) RETURN n",
    "x\\' OR 1=1 }) RETURN 1 //",
]
RECORD_EVENTS = """
mutation ($events: [EventInput!]!) { recordEvents(events: $events) { written } }
"""
STATS = "{ graphStats { organizations customers } }"


def events_named(value: str) -> list[dict[str, Any]]:
    """A bystander, then an organization, partner, role and customer whose ids,
    keys and names are all `value`, the customer playing the role."""
    return [
        {"organization": {"id": "o-safe", "name": "Bystander"}},
        {"customer": {"id": "c-safe", "name": "Bystander"}},
        {"organization": {"id": value, "name": value}},
        {"partner": {"id": value, "name": value, "organization": value}},
        {
            "role": {
                "id": value,
                "organization": value,
                "key": value,
                "name": value,
                "rung": 1,
                "partner": value,
            }
        },
        {"customer": {"id": value, "name": value}},
        {
            "roleStatus": {
                "customer": value,
                "role": value,
                "status": "ACTIVE",
                "since": "2024-05-01T10:00:00Z",
            }
        },
    ]


def portal_with_literal(value: str) -> str:
    """The portal query with `value` written into the document as a literal."""
    # A JSON string is a valid GraphQL string literal, escapes and all.
    return (
        f"{{ partnerPortal(partnerId: {json.dumps(value)}) {{ id name "
        "customers { edges { node { id name roles { id key name } } } } } }"
    )


@pytest.mark.parametrize("value", INJECTIONS)
async def test_injection_lookalikes_are_stored_and_read_back_as_data(
    client: httpx.AsyncClient, database: Database, value: str
) -> None:
    written = await post_graphql(client, RECORD_EVENTS, events=events_named(value))

    body = await post_graphql(client, portal_with_literal(value))
    stats = await post_graphql(client, STATS)
    held = await counts(database)

    assert "errors" not in written, written
    portal = body["data"]["partnerPortal"]
    assert (portal["id"], portal["name"]) == (value, value)
    assert portal["customers"]["edges"] == [
        {
            "node": {
                "id": value,
                "name": value,
                "roles": [{"id": value, "key": value, "name": value}],
            }
        }
    ]
    assert stats == {"data": {"graphStats": {"organizations": 2, "customers": 2}}}
    assert (held["Partner"], held["Role"]) == (1, 1)


@pytest.mark.parametrize("value", INJECTIONS)
async def test_injection_lookalikes_in_credentials_change_nothing(
    client: httpx.AsyncClient,
    client_for: ClientFor,
    database: Database,
    value: str,
) -> None:
    await post_graphql(client, RECORD_EVENTS, events=events_named("plain"))
    before = await counts(database)
    key_holder = client_for(headers={"X-API-Key": f"sir_{value}_{value}"})
    partner = client_for("PARTNER", partner=value)

    refused = await key_holder.post("/graphql", json={"query": STATS})
    portal = await post_graphql(partner, portal_with_literal(value))
    after = await counts(database)

    assert refused.status_code == 401
    assert portal["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert after == before
