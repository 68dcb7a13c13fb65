"""Next best steps over the real HTTP app, on small graphs with known answers.

Each test writes its graph through the write mutations, so every write
refreshes the relationship's state and keeps a snapshot, as in production.
The helpers here are shared by the other `test_intel_*` modules.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from graph.database import Database
from tests.conftest import GraphQLCall

ORG = "o-1"
Event = dict[str, Any]

RECORD = """
mutation ($events: [EventInput!]!) { recordEvents(events: $events) { written } }
"""
STEPS = """
query ($id: ID!, $first: Int!) {
  nextBestSteps(relationshipId: $id, first: $first) {
    rank score expectedUplift cases focusNeed reasons status
    action { id key kind need goodwillCost channel }
  }
}
"""
STATE = """
query ($id: ID!) { relationship(id: $id) { state { goodwill tier gate type } } }
"""
EFFECTIVENESS = """
query ($org: ID!) {
  actionEffectiveness(organizationId: $org) {
    tier cases meanUplift uplift action { id }
  }
}
"""


def ago(days: float = 0.0) -> str:
    """A time `days` before now, as the API takes it."""
    return (datetime.now(UTC) - timedelta(days=days)).isoformat()


def rel(customer: str) -> str:
    """The id of a customer's relationship with the test organization."""
    return f"{customer}/{ORG}"


def catalogue(*actions: Event) -> list[Event]:
    """The organization and the actions it offers."""
    return [{"organization": {"id": ORG, "name": "Harbour Bikes"}}, *actions]


def act(id: str, kind: str, **extra: object) -> Event:
    """An action of the organization's catalogue."""
    return {"action": {"id": id, "organization": ORG, "key": id, "kind": kind, **extra}}


def person(id: str) -> Event:
    """A customer."""
    return {"customer": {"id": id, "name": f"Customer {id}"}}


def contacts(
    customer: str,
    count: int,
    *,
    serve: float | None = None,
    connect: float | None = None,
    channel: str = "EMAIL",
    by: str = "CUSTOMER",
) -> list[Event]:
    """`count` touchpoints of the last days that met the needs as given."""
    needs = [
        {"need": need, "fulfilment": value}
        for need, value in (("SERVE", serve), ("CONNECT", connect))
        if value is not None
    ]
    return [
        {
            "touchpoint": {
                "id": f"{customer}-t{i}",
                "customer": customer,
                "organization": ORG,
                "channel": channel,
                "kind": "VISIT",
                "initiatedBy": by,
                "at": ago(1 + i / 10),
                "needs": needs,
            }
        }
        for i in range(count)
    ]


def signal(customer: str, kind: str, tag: str = "s") -> Event:
    """A goodwill signal of the customer, given now."""
    return {
        "signal": {
            "id": f"{customer}-{tag}-{kind}",
            "customer": customer,
            "organization": ORG,
            "kind": kind,
            "at": ago(),
        }
    }


def received(customer: str, action: str, days: float = 0.0) -> Event:
    """An action the customer received, with a positive outcome."""
    return {
        "actionReceived": {
            "customer": customer,
            "action": action,
            "at": ago(days),
            "outcome": "POSITIVE",
        }
    }


def resourceful(customer: str, channel: str = "EMAIL") -> list[Event]:
    """A customer whose relationship passes the RESOURCE gate."""
    return [
        person(customer),
        *contacts(customer, 8, serve=1.0, connect=1.0, channel=channel),
        signal(customer, "REFERRAL"),
        signal(customer, "CO_CREATION"),
    ]


async def record(gql: GraphQLCall, events: list[Event]) -> None:
    """Write a batch of events; the test fails if the write does."""
    body = await gql(RECORD, events=events)

    assert "errors" not in body, body


async def steps(gql: GraphQLCall, customer: str, first: int = 10) -> list[Event]:
    """The next best steps of a customer's relationship."""
    body = await gql(STEPS, id=rel(customer), first=first)
    assert "errors" not in body, body
    found: list[Event] = body["data"]["nextBestSteps"]
    return found


async def state(gql: GraphQLCall, customer: str) -> Event:
    """The stored state of a customer's relationship."""
    body = await gql(STATE, id=rel(customer))
    found: Event = body["data"]["relationship"]["state"]
    return found


def kinds(found: list[Event]) -> list[str]:
    """The action kinds of steps, in rank order."""
    return [step["action"]["kind"] for step in found]


async def test_a_let_down_customer_is_offered_a_service_step_first(
    gql: GraphQLCall,
) -> None:
    await record(
        gql,
        [
            *catalogue(
                act("fix", "SERVICE_FIX"),
                act("call", "PERSONAL_CONTACT", gate="CLIENT"),
                act("invite", "ROLE_INVITATION"),
            ),
            person("c-1"),
            *contacts("c-1", 6, serve=-0.6),
            signal("c-1", "ESCALATED_COMPLAINT"),
        ],
    )

    found = await steps(gql, "c-1")

    assert (await state(gql, "c-1"))["gate"] == "CLIENT"
    assert kinds(found) == ["SERVICE_FIX", "PERSONAL_CONTACT"]
    assert found[0]["focusNeed"] == "SERVE"
    assert found[0]["reasons"][0].startswith(
        "serves SERVE, the focus need: service is below the first gate: serve 0."
    )
    assert [step["status"] for step in found] == ["PROPOSED", "PROPOSED"]


async def test_no_role_invitation_is_offered_below_the_resource_gate(
    gql: GraphQLCall,
) -> None:
    await record(
        gql,
        [
            *catalogue(
                act("invite", "ROLE_INVITATION"), act("call", "PERSONAL_CONTACT")
            ),
            person("c-served"),
            *contacts("c-served", 8, serve=1.0, connect=0.0),
            *resourceful("c-ready"),
        ],
    )

    served, ready = await steps(gql, "c-served"), await steps(gql, "c-ready")

    assert (await state(gql, "c-served"))["gate"] == "CONNECTION"
    assert (await state(gql, "c-ready"))["gate"] == "RESOURCE"
    assert kinds(served) == ["PERSONAL_CONTACT"]
    assert kinds(ready) == ["ROLE_INVITATION", "PERSONAL_CONTACT"]
    assert ready[0]["focusNeed"] == "ROLE"


async def test_an_ask_is_never_proposed_when_goodwill_cannot_afford_it(
    gql: GraphQLCall,
) -> None:
    await record(
        gql,
        [
            *catalogue(
                act("quick-poll", "FEEDBACK_REQUEST", goodwillCost=2.0),
                act("long-survey", "FEEDBACK_REQUEST", goodwillCost=15.0),
            ),
            person("c-poor"),
            *contacts("c-poor", 1, serve=0.5),
            person("c-rich"),
            *contacts("c-rich", 1, serve=0.5),
            signal("c-rich", "REFERRAL"),
            signal("c-rich", "CO_CREATION"),
        ],
    )

    poor, rich = await steps(gql, "c-poor"), await steps(gql, "c-rich")

    assert [s["action"]["id"] for s in poor] == ["quick-poll"]
    assert sorted(s["action"]["id"] for s in rich) == ["long-survey", "quick-poll"]
    for customer, found in (("c-poor", poor), ("c-rich", rich)):
        goodwill = (await state(gql, customer))["goodwill"]
        for step in found:
            assert goodwill - step["action"]["goodwillCost"] >= 20
    assert poor[0]["reasons"][1].startswith("the ask costs 2 goodwill; ")


async def test_an_action_is_offered_only_on_a_channel_the_customer_consented_to(
    gql: GraphQLCall,
) -> None:
    preferences = {
        "contactPreferences": {
            "customer": "c-1",
            "organization": ORG,
            "at": ago(1),
            "consentedChannels": ["EMAIL"],
        }
    }
    await record(
        gql,
        [
            *catalogue(
                act("call", "INFORMATION", channel="PHONE"),
                act("mail", "INFORMATION", channel="EMAIL"),
                act("any", "INFORMATION"),
            ),
            person("c-1"),
            *contacts("c-1", 1, serve=0.5),
            preferences,
        ],
    )

    found = await steps(gql, "c-1")

    assert {s["action"]["id"]: s["action"]["channel"] for s in found} == {
        "mail": "EMAIL",
        "any": None,
    }


async def test_the_action_that_raised_goodwill_outranks_one_that_did_not(
    gql: GraphQLCall,
) -> None:
    # INFORMATION has the lower catalogue prior (1 against 3): only what
    # happened to similar relationships can put it first.
    raised = [f"c-up-{i}" for i in range(3)]
    flat = [f"c-flat-{i}" for i in range(3)]
    everyone = [*raised, *flat, "c-new"]
    await record(
        gql,
        [
            *catalogue(act("news", "INFORMATION"), act("upgrade", "SERVICE_UPGRADE")),
            *(e for c in everyone for e in [person(c), *contacts(c, 1, serve=0.5)]),
        ],
    )
    before = await steps(gql, "c-new")

    await record(
        gql,
        [
            *(received(c, "news") for c in raised),
            *(received(c, "upgrade") for c in flat),
        ],
    )
    await record(gql, [signal(c, "REFERRAL") for c in raised])
    after = await steps(gql, "c-new")

    assert [s["action"]["id"] for s in before] == ["upgrade", "news"]
    assert [s["action"]["id"] for s in after] == ["news", "upgrade"]
    assert [s["cases"] for s in after] == [3, 3]
    assert after[0]["reasons"][-1].startswith(
        "raised goodwill by 10.0 on average over 3 cases of similar relationships "
        "(LOW, TRANSACTIONAL)"
    )


async def test_action_effectiveness_reports_uplift_per_action_and_tier(
    gql: GraphQLCall,
) -> None:
    await record(
        gql,
        [
            *catalogue(act("news", "INFORMATION")),
            *(e for c in ("c-1", "c-2") for e in [person(c), *contacts(c, 1)]),
        ],
    )
    await record(gql, [received("c-1", "news"), received("c-2", "news")])
    await record(gql, [signal("c-1", "REFERRAL")])

    body = await gql(EFFECTIVENESS, org=ORG)

    rows = {row["tier"]: row for row in body["data"]["actionEffectiveness"]}
    assert set(rows) == {"LOW", "MEDIUM", "HIGH"}
    assert rows["LOW"]["cases"] == 2
    # Half the cases gained a referral's 10 points, give or take decay.
    assert rows["LOW"]["meanUplift"] == pytest.approx(5.0, abs=0.05)
    assert rows["MEDIUM"] == {
        "tier": "MEDIUM",
        "cases": 0,
        "meanUplift": None,
        "uplift": 1.0,
        "action": {"id": "news"},
    }


async def test_steps_of_many_relationships_cost_the_same_round_trips(
    gql: GraphQLCall, database: Database
) -> None:
    query = """
    { customers(first: 6) { edges { node {
        relationships { nextBestSteps(first: 2) { rank action { id } } }
    } } } }
    """
    await record(gql, [*catalogue(act("fix", "SERVICE_FIX")), person("c-0")])
    await record(gql, contacts("c-0", 1))
    # Both requests learn the organization's uplift afresh.
    database.uplift.forget()
    database.stats.round_trips = 0
    await gql(query)
    one = database.stats.round_trips
    await record(
        gql,
        [e for i in range(1, 6) for e in [person(f"c-{i}"), *contacts(f"c-{i}", 1)]],
    )

    database.uplift.forget()
    database.stats.round_trips = 0
    body = await gql(query)

    edges = body["data"]["customers"]["edges"]
    assert len(edges) == 6
    assert all(
        node["node"]["relationships"][0]["nextBestSteps"][0]["action"]["id"] == "fix"
        for node in edges
    )
    assert database.stats.round_trips == one
