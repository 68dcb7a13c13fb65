"""Helpers of the profile and read tests: events in the client's shape.

Tests build their data through the public write mutation (`recordEvents`),
so that states are computed the way production computes them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.conftest import GraphQLCall

RECORD_EVENTS = """
mutation ($events: [EventInput!]!) {
  recordEvents(events: $events) { written relationships }
}
"""

Event = dict[str, Any]


def days_ago(days: float) -> str:
    """An ISO time `days` before now, as clients send it."""
    return (datetime.now(UTC) - timedelta(days=days)).isoformat()


def organization(id: str, name: str | None = None) -> Event:
    """An organization event."""
    return {"organization": {"id": id, "name": name or id.title()}}


def customer(id: str, name: str, email: str | None = None) -> Event:
    """A customer event."""
    return {"customer": {"id": id, "name": name, "email": email}}


def touchpoints(
    customer: str,
    organization: str,
    count: int,
    *,
    serve: float | None = None,
    connect: float | None = None,
    by: str = "CUSTOMER",
    start: int = 0,
    days: float = 1.0,
) -> list[Event]:
    """`count` recent touchpoints that met the needs as given."""
    needs = [
        {"need": key, "fulfilment": value}
        for key, value in (("SERVE", serve), ("CONNECT", connect))
        if value is not None
    ]
    return [
        {
            "touchpoint": {
                "id": f"{customer}:{organization}:t{start + i}",
                "customer": customer,
                "organization": organization,
                "channel": "EMAIL",
                "kind": "SUPPORT_REQUEST",
                "initiatedBy": by,
                "at": days_ago(days + i / 24),
                "answered": None if by == "CUSTOMER" else True,
                "needs": needs,
            }
        }
        for i in range(count)
    ]


def signal(customer: str, organization: str, id: str, kind: str) -> Event:
    """A goodwill signal of weight 1, a day old."""
    return {
        "signal": {
            "id": id,
            "customer": customer,
            "organization": organization,
            "kind": kind,
            "at": days_ago(1),
        }
    }


def role(organization: str, key: str, rung: int) -> Event:
    """A role on the organization's ladder, id `<organization>-<key>`."""
    return {
        "role": {
            "id": f"{organization}-{key}",
            "organization": organization,
            "key": key,
            "name": key.title(),
            "rung": rung,
        }
    }


def plays(customer: str, role_id: str, status: str = "ACTIVE") -> Event:
    """The customer's status in a role."""
    return {
        "roleStatus": {
            "customer": customer,
            "role": role_id,
            "status": status,
            "since": days_ago(10),
        }
    }


async def record(gql: GraphQLCall, *batches: list[Event] | Event) -> list[str]:
    """Write the events in one batch; return the relationships touched."""
    events: list[Event] = []
    for batch in batches:
        events.extend(batch if isinstance(batch, list) else [batch])
    body = await gql(RECORD_EVENTS, events=events)
    assert "errors" not in body, body
    relationships: list[str] = body["data"]["recordEvents"]["relationships"]
    return relationships


def relationship_id(customer: str, organization: str) -> str:
    """The id the write path gives the relationship of a customer and org."""
    return f"{customer}/{organization}"


async def record_scene(gql: GraphQLCall) -> None:
    """A small world whose states differ in every way the filters look at.

    - Ann (o1): ten good contacts; LOW, CONNECTION, RELATIONAL.
    - Bob (o1): bad service and an escalated complaint; CLIENT, at risk.
    - Cat (o1): good service, co-creation and referrals, an ACTIVE role at
      rung 4; HIGH, RESOURCE, CO_OWNING. She also explores a rung-1 role.
    - Dan (o2): three middling contacts; CLIENT, TRANSACTIONAL.
    - Eve: no relationship at all, so never profiled.
    """
    events = [organization("o1", "Harbour Bikes"), organization("o2", "Maple Bank")]
    events += [
        customer("ann", "Ann Archer", "ann@example.com"),
        customer("bob", "Bob Baker", "bob@example.com"),
        customer("cat", "Cat Cole", "cat@example.com"),
        customer("dan", "Dan Dekker", "dan@example.com"),
        customer("eve", "Eve Evers", "eve@example.com"),
        role("o1", "ambassador", 4),
        role("o1", "reviewer", 1),
        role("o2", "ambassador", 4),
    ]
    events += touchpoints("ann", "o1", 10, serve=0.9, connect=0.8)
    events += touchpoints("bob", "o1", 10, serve=-0.8)
    events += [signal("bob", "o1", "bob-s1", "ESCALATED_COMPLAINT")]
    events += touchpoints("cat", "o1", 10, serve=0.9, connect=0.9)
    events += [signal("cat", "o1", f"cat-s{n}", "CO_CREATION") for n in range(3)]
    events += [signal("cat", "o1", f"cat-r{n}", "REFERRAL") for n in range(2)]
    events += [plays("cat", "o1-ambassador"), plays("cat", "o1-reviewer", "EXPLORING")]
    events += touchpoints("dan", "o2", 3, serve=0.5)
    await record(gql, events)
