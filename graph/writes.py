"""The one write path of the SiR graph: checked events, one transaction a batch.

Every mutation, `sir import` and `sir seed` end here. A batch of events is
checked whole (`graph.validation`, then `graph.references`), turned into one
UNWIND statement per event type (`plan_writes`), and written in one write
transaction (`apply_plan`): all of it or nothing. Every statement MERGEs by
a client-supplied id or a natural key, so writing a batch again changes
nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from graph.database import Database, Row, Step, Transaction
from graph.references import Owners, resolve_references
from graph.states import refresh_states
from graph.validation import Event, parse_events
from graph.write_scope import check_scope

# Event types in the order their statements run: a node before its edges.
STATEMENTS: dict[str, str] = {
    "organization": "write/merge_organizations",
    "customer": "write/merge_customers",
    "partner": "write/merge_partners",
    "role": "write/merge_roles",
    "action": "write/merge_actions",
    "relationship": "write/merge_relationships",
    "touchpoint": "write/merge_touchpoints",
    "signal": "write/merge_signals",
    "roleStatus": "write/merge_role_plays",
    "aspiration": "write/merge_aspirations",
    "contactPreferences": "write/set_contact_preferences",
    "actionReceived": "write/merge_received_actions",
}

# The field of each relationship event that dates it; `since` of a new
# Relationship is the earliest of them.
TIMES = {
    "touchpoint": "at",
    "signal": "at",
    "roleStatus": "since",
    "aspiration": "at",
    "contactPreferences": "at",
    "actionReceived": "at",
}


@dataclass(frozen=True)
class WritePlan:
    """The statements of one batch and the Relationships they touch."""

    steps: list[Step]
    ids: list[str]
    relationship_ids: list[str]


@dataclass(frozen=True)
class WriteSummary:
    """What a batch wrote: events, the ids it named, the Relationships touched."""

    written: int
    ids: list[str]
    relationship_ids: list[str]


async def write_events(
    database: Database,
    raw: Sequence[object],
    *,
    limit: int,
    scope: str | None = None,
) -> WriteSummary:
    """Check a batch of events in the client's shape and write it, or nothing.

    `scope` is the one organization the caller may write to, None for all.
    Raises `RejectedBatch` with every problem found before anything is written.
    """
    return await write_checked(database, parse_events(raw, limit), scope=scope)


async def write_checked(
    database: Database, events: Sequence[Event], *, scope: str | None = None
) -> WriteSummary:
    """Check the references of parsed events, then write them in one transaction."""
    owners = await resolve_references(database, events)
    if scope is not None:
        await check_scope(database, events, owners, scope)
    plan = plan_writes(events, owners, now=datetime.now(UTC), scope=scope)
    await apply_plan(database, plan)
    return WriteSummary(len(events), plan.ids, plan.relationship_ids)


def plan_writes(
    events: Sequence[Event],
    owners: Owners,
    *,
    now: datetime,
    scope: str | None = None,
) -> WritePlan:
    """Group the events into one UNWIND statement per event type, in order."""
    rows: dict[str, list[Row]] = {kind: [] for kind in STATEMENTS}
    relationships: dict[str, Row] = {}
    for event in events:
        row = dict(event.values)
        relationship = owners.relationship_of(event)
        if relationship is not None:
            row["relationship"] = relationship
            note_relationship(relationships, relationship, event, owners)
        rows[event.type].append(row)
    rows["relationship"] = list(relationships.values())
    steps: list[Step] = [
        (name, statement_params(kind, rows[kind], now, scope))
        for kind, name in STATEMENTS.items()
        if rows[kind]
    ]
    return WritePlan(
        steps=steps,
        ids=[event.id for event in events if event.id is not None],
        relationship_ids=sorted(relationships),
    )


def note_relationship(
    relationships: dict[str, Row], key: str, event: Event, owners: Owners
) -> None:
    """Remember a Relationship the batch touches and its earliest time."""
    values = event.values
    at: datetime = values[TIMES[event.type]]
    known = relationships.get(key)
    if known is not None:
        known["since"] = min(known["since"], at)
        return
    if event.type in ("roleStatus", "aspiration"):
        organization = owners.roles[values["role"]]
    elif event.type == "actionReceived":
        organization = owners.actions[values["action"]]
    else:
        organization = values["organization"]
    relationships[key] = {
        "id": key,
        "customer": values["customer"],
        "organization": organization,
        "since": at,
    }


def statement_params(
    kind: str, rows: list[Row], now: datetime, scope: str | None
) -> dict[str, Any]:
    """The parameters of one event type's statement.

    Every statement filters by the caller's organization itself, so that a
    row outside it is never written even if `check_scope` missed it.
    """
    params: dict[str, Any] = {"rows": rows, "scopeOrganizationId": scope}
    if kind == "customer":
        params["now"] = now
    return params


async def apply_plan(database: Database, plan: WritePlan) -> None:
    """Run the statements of a plan in one write transaction; all or nothing.

    Every write of the service goes through here, so that the State of each
    touched Relationship can be brought up to date in the same transaction.
    """

    async def work(tx: Transaction) -> None:
        for name, params in plan.steps:
            await tx.run(name, **params)
        # The State of each touched Relationship changes with the same commit.
        await refresh_states(tx, plan.relationship_ids)

    await database.write_transaction(work, label="write/events")
