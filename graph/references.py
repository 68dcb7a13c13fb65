"""Checks that the nodes a batch of events names exist, with one read query.

An event may name a node that is already in the graph or one that another
event of the same batch creates; the order of events in a batch does not
matter. An event may not move a node to another owner: a role or action to
another organization, a touchpoint or goodwill signal to another relationship.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from graph.database import Database
from graph.validation import SUBJECTS, Event, RejectedBatch, relationship_id
from sir.errors import Conflict, InvalidInput, NotFound

# The fields of each event type that name another node; each field is named
# after the event type that creates such a node.
REFERENCES: dict[str, tuple[str, ...]] = {
    "partner": ("organization",),
    "role": ("organization", "partner"),
    "action": ("organization",),
    "touchpoint": ("customer", "organization", "partner"),
    "signal": ("customer", "organization"),
    "roleStatus": ("customer", "role"),
    "aspiration": ("customer", "role"),
    "contactPreferences": ("customer", "organization"),
    "actionReceived": ("customer", "action"),
}
NAMED = ("organization", "customer", "partner", "role", "action")
OWNED = ("touchpoint", "signal")


class UnknownReference(InvalidInput, NotFound):
    """Raised when an event names a node that neither exists nor is in the batch."""

    code: ClassVar[str] = "NOT_FOUND"


class OwnerConflict(InvalidInput, Conflict):
    """Raised when an event would move a node to another owner."""

    code: ClassVar[str] = "CONFLICT"


@dataclass(frozen=True)
class Owners:
    """The organization of every role and action that the batch names."""

    roles: dict[str, str]
    actions: dict[str, str]

    def relationship_of(self, event: Event) -> str | None:
        """The id of the Relationship an event belongs to, if it belongs to one."""
        values = event.values
        customer = values.get("customer")
        if customer is None:
            return None
        if event.type in ("roleStatus", "aspiration"):
            return relationship_id(customer, self.roles[values["role"]])
        if event.type == "actionReceived":
            return relationship_id(customer, self.actions[values["action"]])
        return relationship_id(customer, values["organization"])


async def resolve_references(database: Database, events: Sequence[Event]) -> Owners:
    """Check every reference of the batch; raise RejectedBatch if any is wrong."""
    defined = defined_ids(events)
    wanted = wanted_ids(events, defined)
    rows = await database.read(
        "write/find_references", **{f"{k}s": sorted(v) for k, v in wanted.items()}
    )
    found = rows[0]
    existing = {kind: set(found[f"{kind}s"]) for kind in NAMED[:3]}
    owners = owners_of(events, found)
    existing["role"] = {row["id"] for row in found["roles"]}
    existing["action"] = {row["id"] for row in found["actions"]}
    problems = unknown_references(events, defined, existing)
    if not problems:
        problems = owner_conflicts(events, found, owners)
    if problems:
        raise RejectedBatch(problems)
    return owners


def defined_ids(events: Sequence[Event]) -> dict[str, set[str]]:
    """The ids of the nodes that events of the batch create, by event type."""
    defined: dict[str, set[str]] = defaultdict(set)
    for event in events:
        if event.id is not None:
            defined[event.type].add(event.id)
    return defined


def wanted_ids(
    events: Sequence[Event], defined: dict[str, set[str]]
) -> dict[str, set[str]]:
    """The ids to look up: references outside the batch, and owned nodes."""
    wanted: dict[str, set[str]] = {kind: set() for kind in (*NAMED, *OWNED)}
    for event in events:
        for field in REFERENCES.get(event.type, ()):
            value = event.values.get(field)
            if value is not None and value not in defined[field]:
                wanted[field].add(value)
    for kind in ("role", "action", *OWNED):
        wanted[kind] |= defined[kind]
    return wanted


def owners_of(
    events: Sequence[Event], found: dict[str, list[dict[str, str]]]
) -> Owners:
    """Owners from the graph, overridden by the roles and actions of the batch."""
    roles = {row["id"]: row["organization"] for row in found["roles"]}
    actions = {row["id"]: row["organization"] for row in found["actions"]}
    for event in events:
        if event.type == "role" and event.id is not None:
            roles.setdefault(event.id, event.values["organization"])
        elif event.type == "action" and event.id is not None:
            actions.setdefault(event.id, event.values["organization"])
    return Owners(roles, actions)


def unknown_references(
    events: Sequence[Event],
    defined: dict[str, set[str]],
    existing: dict[str, set[str]],
) -> list[InvalidInput]:
    """A problem for each reference to a node that is nowhere to be found."""
    problems: list[InvalidInput] = []
    for event in events:
        for field in REFERENCES.get(event.type, ()):
            value = event.values.get(field)
            if value is None or value in defined[field] or value in existing[field]:
                continue
            message = f'{field.capitalize()} "{value}" does not exist.'
            problems.append(
                UnknownReference(message, field=field, item=event.index, value=value)
            )
    return problems


def owner_conflicts(
    events: Sequence[Event], found: dict[str, list[dict[str, str]]], owners: Owners
) -> list[InvalidInput]:
    """A problem for each event that would give a node a second owner."""
    stored = {("role", row["id"]): row["organization"] for row in found["roles"]} | {
        ("action", row["id"]): row["organization"] for row in found["actions"]
    }
    for kind in OWNED:
        stored |= {(kind, row["id"]): row["relationship"] for row in found[f"{kind}s"]}
    problems: list[InvalidInput] = []
    for event in events:
        if event.id is None or (event.type, event.id) not in stored:
            continue
        owner = stored[(event.type, event.id)]
        given = event.values.get("organization")
        field = "organization"
        if event.type in OWNED:
            given, field = owners.relationship_of(event), "customer"
        if given != owner:
            label = SUBJECTS.get(event.type, event.type).capitalize()
            message = f'{label} "{event.id}" belongs to "{owner}", not to "{given}".'
            problems.append(
                OwnerConflict(message, field=field, item=event.index, value=given)
            )
    return problems
