"""Mutations that record what happens in a relationship: touchpoints and more."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from graph.database import Database
from graph.validation import relationship_id
from tests.conftest import GraphQLCall
from tests.writes_support import RECORD_EVENTS, counts, edges, error_of, node

RECORD_TOUCHPOINT = """
mutation ($input: TouchpointInput!) {
  recordTouchpoint(input: $input) { written ids relationships }
}
"""
RECORD_SIGNAL = """
mutation ($input: SignalInput!) { recordSignal(input: $input) { relationships } }
"""
SET_ROLE_STATUS = """
mutation ($input: RoleStatusInput!) { setRoleStatus(input: $input) { relationships } }
"""
RECORD_ASPIRATION = """
mutation ($input: AspirationInput!) {
  recordAspiration(input: $input) { relationships }
}
"""
SET_CONTACT_PREFERENCES = """
mutation ($input: ContactPreferencesInput!) {
  setContactPreferences(input: $input) { relationships }
}
"""
RECORD_ACTION_RECEIVED = """
mutation ($input: ActionReceivedInput!) {
  recordActionReceived(input: $input) { relationships }
}
"""
RELATIONSHIP = "c-1/org-1"
TOUCHPOINT = {
    "id": "t-1",
    "customer": "c-1",
    "organization": "org-1",
    "channel": "PHONE",
    "kind": "SUPPORT_REQUEST",
    "initiatedBy": "CUSTOMER",
    "at": "2024-05-01T10:00:00+02:00",
    "effort": 0.7,
    "partner": "partner-1",
    "needs": [
        {"need": "SERVE", "fulfilment": -0.5},
        {"need": "CONNECT", "fulfilment": 0.25},
    ],
}
SIGNAL = {
    "id": "s-1",
    "customer": "c-1",
    "organization": "org-1",
    "kind": "REFERRAL",
    "weight": 2.0,
    "at": "2024-06-01T12:00:00Z",
}
ROLE_STATUS = {
    "customer": "c-1",
    "role": "role-1",
    "status": "EXPLORING",
    "since": "2024-06-01T00:00:00Z",
}
ASPIRATION = {
    "customer": "c-1",
    "role": "role-1",
    "at": "2024-06-02T00:00:00Z",
    "clarity": 0.8,
    "motivation": 0.9,
    "ability": 0.4,
}
PREFERENCES = {
    "customer": "c-1",
    "organization": "org-1",
    "at": "2024-06-03T00:00:00Z",
    "consentedChannels": ["EMAIL", "APP"],
    "optedOut": False,
    "maxContactsPer30Days": 3,
    "preferredChannel": "APP",
}
RECEIVED = {
    "customer": "c-1",
    "action": "action-1",
    "at": "2024-06-04T00:00:00Z",
    "outcome": "POSITIVE",
}
SETUP = [
    {"organization": {"id": "org-1", "name": "Harbour Bikes"}},
    {"customer": {"id": "c-1", "name": "Ada"}},
    {"customer": {"id": "c-2", "name": "Bram"}},
    {"partner": {"id": "partner-1", "name": "Repair Cafe", "organization": "org-1"}},
    {
        "role": {
            "id": "role-1",
            "organization": "org-1",
            "key": "reviewer",
            "name": "Reviewer",
            "rung": 1,
        }
    },
    {
        "action": {
            "id": "action-1",
            "organization": "org-1",
            "key": "invite",
            "kind": "EVENT_INVITE",
        }
    },
]


def utc(text: str) -> datetime:
    """A stored time, as UTC, to compare with what the graph returns."""
    return datetime.fromisoformat(text).astimezone(UTC)


def stored_time(value: datetime) -> datetime:
    """A time read back from the graph, as UTC (ArcadeDB drops the zone)."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


@pytest.fixture(autouse=True)
async def catalogue(gql: GraphQLCall) -> None:
    body = await gql(RECORD_EVENTS, events=SETUP)
    assert "errors" not in body, body


async def test_a_touchpoint_creates_the_relationship_on_first_contact(
    gql: GraphQLCall, database: Database
) -> None:
    body = await gql(RECORD_TOUCHPOINT, input=TOUCHPOINT)

    assert body["data"]["recordTouchpoint"] == {
        "written": 1,
        "ids": ["t-1"],
        "relationships": [RELATIONSHIP],
    }
    relationship = await node(database, RELATIONSHIP)
    assert stored_time(relationship["properties"]["since"]) == utc(TOUCHPOINT["at"])
    assert edges(relationship, "WITH")[0]["target"] == "org-1"
    assert edges(relationship, "HAD")[0]["target"] == "t-1"
    assert edges(await node(database, "c-1"), "IN")[0]["target"] == RELATIONSHIP


async def test_a_touchpoint_stores_its_needs_partner_and_utc_time(
    gql: GraphQLCall, database: Database
) -> None:
    await gql(RECORD_TOUCHPOINT, input=TOUCHPOINT)

    found = await node(database, "t-1")
    assert stored_time(found["properties"]["at"]) == datetime(
        2024, 5, 1, 8, 0, tzinfo=UTC
    )
    assert found["properties"]["initiatedBy"] == "CUSTOMER"
    assert found["properties"]["effort"] == 0.7
    addressed = {e["target"]: e["properties"] for e in edges(found, "ADDRESSED")}
    assert addressed == {"SERVE": {"fulfilment": -0.5}, "CONNECT": {"fulfilment": 0.25}}
    assert [e["target"] for e in edges(found, "VIA")] == ["partner-1"]


async def test_a_touchpoint_sent_again_replaces_its_needs(
    gql: GraphQLCall, database: Database
) -> None:
    await gql(RECORD_TOUCHPOINT, input=TOUCHPOINT)
    changed = {
        **TOUCHPOINT,
        "partner": None,
        "needs": [{"need": "ROLE", "fulfilment": 1}],
    }

    await gql(RECORD_TOUCHPOINT, input=changed)

    found = await node(database, "t-1")
    assert [e["target"] for e in edges(found, "ADDRESSED")] == ["ROLE"]
    assert edges(found, "VIA") == []
    assert (await counts(database))["Touchpoint"] == 1


async def test_the_relationship_dates_from_its_earliest_event(
    gql: GraphQLCall, database: Database
) -> None:
    await gql(RECORD_TOUCHPOINT, input=TOUCHPOINT)

    await gql(RECORD_SIGNAL, input={**SIGNAL, "at": "2023-01-01T00:00:00Z"})

    since = (await node(database, RELATIONSHIP))["properties"]["since"]
    assert stored_time(since) == utc("2023-01-01T00:00:00Z")


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        (
            {"needs": [{"need": "SERVE", "fulfilment": 1.5}]},
            "needs[0].fulfilment",
            None,
        ),
        (
            {
                "needs": [
                    {"need": "SERVE", "fulfilment": 1},
                    {"need": "SERVE", "fulfilment": 0},
                ]
            },
            "needs[1].need",
            None,
        ),
        ({"at": "2024-05-01T10:00:00"}, "at", None),
        ({"effort": -0.1}, "effort", None),
        ({"kind": ""}, "kind", None),
        ({"customer": "c-404"}, "customer", "NOT_FOUND"),
        ({"organization": "org-404"}, "organization", "NOT_FOUND"),
        ({"partner": "partner-404"}, "partner", "NOT_FOUND"),
    ],
)
async def test_a_bad_touchpoint_is_refused_and_writes_nothing(
    gql: GraphQLCall,
    database: Database,
    change: dict[str, Any],
    field: str,
    code: str | None,
) -> None:
    before = await counts(database)

    body = await gql(RECORD_TOUCHPOINT, input={**TOUCHPOINT, **change})

    error = error_of(body)
    assert error["extensions"]["code"] == (code or "BAD_USER_INPUT")
    assert error["extensions"]["field"] == field
    assert error["extensions"]["item"] == 0
    assert await counts(database) == before


async def test_a_touchpoint_cannot_move_to_another_customer(
    gql: GraphQLCall, database: Database
) -> None:
    await gql(RECORD_TOUCHPOINT, input=TOUCHPOINT)

    body = await gql(RECORD_TOUCHPOINT, input={**TOUCHPOINT, "customer": "c-2"})

    error = error_of(body)
    assert error["extensions"]["code"] == "CONFLICT"
    assert (
        error["message"]
        == 'Touchpoint "t-1" belongs to "c-1/org-1", not to "c-2/org-1".'
    )


async def test_a_goodwill_signal_is_signalled_by_the_relationship(
    gql: GraphQLCall, database: Database
) -> None:
    body = await gql(RECORD_SIGNAL, input=SIGNAL)

    assert body["data"]["recordSignal"]["relationships"] == [RELATIONSHIP]
    assert edges(await node(database, RELATIONSHIP), "SIGNALLED")[0]["target"] == "s-1"
    stored = (await node(database, "s-1"))["properties"]
    assert (stored["kind"], stored["weight"]) == ("REFERRAL", 2.0)


async def test_a_signal_weight_above_ten_is_refused(gql: GraphQLCall) -> None:
    body = await gql(RECORD_SIGNAL, input={**SIGNAL, "weight": 11})

    assert error_of(body)["extensions"]["field"] == "weight"


async def test_a_role_status_sets_plays_and_ignores_older_news(
    gql: GraphQLCall, database: Database
) -> None:
    await gql(SET_ROLE_STATUS, input={**ROLE_STATUS, "status": "ACTIVE"})

    body = await gql(
        SET_ROLE_STATUS, input={**ROLE_STATUS, "since": "2024-01-01T00:00:00Z"}
    )

    assert body["data"]["setRoleStatus"]["relationships"] == [RELATIONSHIP]
    plays = edges(await node(database, "c-1"), "PLAYS")
    assert len(plays) == 1
    assert plays[0]["properties"]["status"] == "ACTIVE"


async def test_an_aspiration_holds_its_readiness(
    gql: GraphQLCall, database: Database
) -> None:
    await gql(RECORD_ASPIRATION, input=ASPIRATION)

    aspires = edges(await node(database, "c-1"), "ASPIRES_TO")
    assert aspires[0]["target"] == "role-1"
    readiness = {
        k: aspires[0]["properties"][k] for k in ("clarity", "motivation", "ability")
    }
    assert readiness == {"clarity": 0.8, "motivation": 0.9, "ability": 0.4}


async def test_an_aspiration_readiness_above_one_is_refused(gql: GraphQLCall) -> None:
    body = await gql(RECORD_ASPIRATION, input={**ASPIRATION, "ability": 1.2})

    error = error_of(body)
    assert (error["extensions"]["field"], error["extensions"]["value"]) == (
        "ability",
        1.2,
    )


async def test_contact_preferences_live_on_the_relationship(
    gql: GraphQLCall, database: Database
) -> None:
    await gql(SET_CONTACT_PREFERENCES, input=PREFERENCES)

    await gql(
        SET_CONTACT_PREFERENCES,
        input={
            "customer": "c-1",
            "organization": "org-1",
            "at": "2024-07-01T00:00:00Z",
            "optedOut": True,
        },
    )

    stored = (await node(database, RELATIONSHIP))["properties"]
    assert stored["optedOut"] is True
    assert stored["consentedChannels"] == ["EMAIL", "APP"]
    assert stored["maxContactsPer30Days"] == 3
    assert stored["preferredChannel"] == "APP"


async def test_a_received_action_is_recorded_once_per_time(
    gql: GraphQLCall, database: Database
) -> None:
    await gql(RECORD_ACTION_RECEIVED, input=RECEIVED)

    await gql(RECORD_ACTION_RECEIVED, input={**RECEIVED, "outcome": "NEGATIVE"})

    received = edges(await node(database, RELATIONSHIP), "RECEIVED")
    assert len(received) == 1
    assert received[0]["target"] == "action-1"
    assert received[0]["properties"]["outcome"] == "NEGATIVE"


async def test_a_received_action_of_an_unknown_action_is_not_found(
    gql: GraphQLCall,
) -> None:
    body = await gql(RECORD_ACTION_RECEIVED, input={**RECEIVED, "action": "action-404"})

    error = error_of(body)
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert error["message"] == 'Action "action-404" does not exist.'


@pytest.mark.parametrize(
    ("document", "value"),
    [
        (RECORD_TOUCHPOINT, TOUCHPOINT),
        (RECORD_SIGNAL, SIGNAL),
        (SET_ROLE_STATUS, ROLE_STATUS),
        (RECORD_ASPIRATION, ASPIRATION),
        (SET_CONTACT_PREFERENCES, PREFERENCES),
        (RECORD_ACTION_RECEIVED, RECEIVED),
    ],
    ids=["touchpoint", "signal", "roleStatus", "aspiration", "preferences", "received"],
)
async def test_recording_an_event_twice_leaves_the_graph_as_once(
    gql: GraphQLCall, database: Database, document: str, value: dict[str, Any]
) -> None:
    await gql(document, input=value)
    once = await counts(database)

    body = await gql(document, input=value)

    assert "errors" not in body, body
    assert await counts(database) == once


@pytest.mark.parametrize(
    ("customer", "organization", "expected"),
    [
        ("c-1", "org-1", "c-1/org-1"),
        ("a/b", "c", "a%2Fb/c"),
        ("a", "b/c", "a/b%2Fc"),
        ("50%", "x", "50%25/x"),
    ],
)
def test_relationship_ids_are_unambiguous(
    customer: str, organization: str, expected: str
) -> None:
    assert relationship_id(customer, organization) == expected
