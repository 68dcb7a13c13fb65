"""Keeps a caller limited to one organization inside it when it writes.

An AGENT of organization A writes the relationships of A: touchpoints,
signals, contact preferences, role statuses, aspirations and received
actions of A, and customers that are new or already served by A. Everything
else in a batch is refused with FORBIDDEN before anything is written,
naming the event (`item`), the field and the value. The statements of
`cypher/write/` filter by the same scope once more, so that a row that got
past this check is still not written outside the organization.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from graph.database import Database
from graph.references import Owners
from graph.validation import SUBJECTS, Event, RejectedBatch
from sir.errors import Forbidden, InvalidInput


class OutOfScope(InvalidInput, Forbidden):
    """Raised when an event would write outside the caller's organization."""

    code: ClassVar[str] = "FORBIDDEN"


def organization_of(event: Event, owners: Owners) -> str | None:
    """The organization whose data an event writes; None for a customer."""
    values = event.values
    if event.type == "organization":
        return event.id
    if event.type in ("roleStatus", "aspiration"):
        return owners.roles.get(values["role"])
    if event.type == "actionReceived":
        return owners.actions.get(values["action"])
    organization = values.get("organization")
    return None if organization is None else str(organization)


async def check_scope(
    database: Database, events: Sequence[Event], owners: Owners, scope: str
) -> None:
    """Raise `RejectedBatch` of `OutOfScope` for every event outside `scope`."""
    problems: list[InvalidInput] = [
        outside(event, "organization", organization, scope)
        for event in events
        if (organization := organization_of(event, owners)) not in (None, scope)
    ]
    if not problems:
        problems = await foreign_nodes(database, events, scope)
    if problems:
        raise RejectedBatch(problems)


async def foreign_nodes(
    database: Database, events: Sequence[Event], scope: str
) -> list[InvalidInput]:
    """A problem for each customer or partner of the batch that is not `scope`'s."""
    customers = {e.id for e in events if e.type == "customer" and e.id is not None}
    partners = {
        str(e.values["partner"])
        for e in events
        if e.type == "touchpoint" and e.values.get("partner") is not None
    }
    if not customers and not partners:
        return []
    rows = await database.read(
        "write/find_out_of_scope",
        scopeOrganizationId=scope,
        customers=sorted(customers),
        partners=sorted(partners),
    )
    foreign_customers = set(rows[0]["customers"])
    foreign_partners = set(rows[0]["partners"])
    problems: list[InvalidInput] = []
    for event in events:
        if event.type == "customer" and event.id in foreign_customers:
            problems.append(outside(event, "id", event.id, scope))
        partner = event.values.get("partner") if event.type == "touchpoint" else None
        if partner in foreign_partners:
            problems.append(outside(event, "partner", str(partner), scope))
    return problems


def outside(event: Event, field: str, value: str | None, scope: str) -> OutOfScope:
    """The refusal of one event, naming what lies outside and where."""
    subject = SUBJECTS.get(event.type, event.type)
    if field == "organization":
        message = (
            f'Event {event.index} ({subject}) writes to organization "{value}"; '
            f'the caller may write only to organization "{scope}".'
        )
    elif field == "partner":
        message = (
            f'Event {event.index} ({subject}) goes via partner "{value}", which '
            f'does not partner with organization "{scope}".'
        )
    else:
        message = (
            f'Event {event.index} ({subject}) changes customer "{value}", who has '
            f'no relationship with organization "{scope}" but has others; record '
            "a touchpoint with the customer first."
        )
    return OutOfScope(message, field=field, item=event.index, value=value)
