"""Mutations that write the SiR graph: one per event type, and a batch of them.

Every mutation goes through `graph.writes.write_events`, the one write path:
the same checks, the same idempotent MERGE statements, one transaction.

Who may write what: the catalogue (organizations, partners, roles, actions)
only an ADMIN; the relationships of an organization (customers, touchpoints,
signals, role statuses, aspirations, contact preferences, received actions)
an ADMIN or an AGENT of that organization, which `graph.write_scope` and the
statements themselves hold to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import strawberry

from graph.validation import RejectedBatch
from graph.writes import write_events
from resolvers.context import Info
from resolvers.permissions import Permission, check, organization_scope, require
from resolvers.write_inputs import (
    ActionInput,
    ActionReceivedInput,
    AspirationInput,
    ContactPreferencesInput,
    CustomerInput,
    EventInput,
    OrganizationInput,
    PartnerInput,
    RoleInput,
    RoleStatusInput,
    SignalInput,
    TouchpointInput,
    WriteResult,
    as_event,
    event_of,
)

DEFAULT_BATCH_MAX = 1000
# The event types that change an organization's catalogue rather than its
# relationships; every other type needs WRITE_RELATIONSHIPS.
CATALOGUE = frozenset({"organization", "partner", "role", "action"})


def batch_limit(info: Info) -> int:
    """The most events one batch may hold, from the service's settings."""
    request = info.context.request
    service = getattr(getattr(request, "app", None), "state", None)
    settings = getattr(getattr(service, "service", None), "settings", None)
    limit = getattr(settings, "batch_max", DEFAULT_BATCH_MAX)
    return int(limit)


async def write(
    info: Info, events: Sequence[dict[str, Any]], limit: int
) -> WriteResult:
    """Write checked events; report the first problem of a rejected batch."""
    check_permissions(info, events)
    try:
        summary = await write_events(
            info.context.database,
            events,
            limit=limit,
            scope=organization_scope(info),
        )
    except RejectedBatch as rejected:
        raise rejected.problems[0] from None
    return WriteResult(
        written=summary.written,
        ids=[strawberry.ID(i) for i in summary.ids],
        relationships=[strawberry.ID(i) for i in summary.relationship_ids],
    )


def check_permissions(info: Info, events: Sequence[dict[str, Any]]) -> None:
    """Refuse the batch with FORBIDDEN if the caller may not write one of its
    kinds of event; where each event writes is checked with the graph."""
    principal = require(info, Permission.WRITE_RELATIONSHIPS)
    if any(event.get("type") in CATALOGUE for event in events):
        check(principal, Permission.MANAGE_CATALOGUE)


async def write_one(info: Info, type_: str, value: object) -> WriteResult:
    """Write a single event through the batch path."""
    return await write(info, [as_event(type_, value)], 1)


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Create or update an organization by its id.")
    async def upsert_organization(
        self, info: Info, input: OrganizationInput
    ) -> WriteResult:
        return await write_one(info, "organization", input)

    @strawberry.mutation(description="Create or update a customer by its id.")
    async def upsert_customer(self, info: Info, input: CustomerInput) -> WriteResult:
        return await write_one(info, "customer", input)

    @strawberry.mutation(description="Create or update a partner of an organization.")
    async def upsert_partner(self, info: Info, input: PartnerInput) -> WriteResult:
        return await write_one(info, "partner", input)

    @strawberry.mutation(description="Create or update a role an organization offers.")
    async def upsert_role(self, info: Info, input: RoleInput) -> WriteResult:
        return await write_one(info, "role", input)

    @strawberry.mutation(description="Create or update an action of a catalogue.")
    async def upsert_action(self, info: Info, input: ActionInput) -> WriteResult:
        return await write_one(info, "action", input)

    @strawberry.mutation(description="Record a touchpoint and the needs it met.")
    async def record_touchpoint(
        self, info: Info, input: TouchpointInput
    ) -> WriteResult:
        return await write_one(info, "touchpoint", input)

    @strawberry.mutation(description="Record a goodwill signal of a customer.")
    async def record_signal(self, info: Info, input: SignalInput) -> WriteResult:
        return await write_one(info, "signal", input)

    @strawberry.mutation(description="Set where a customer stands in a role.")
    async def set_role_status(self, info: Info, input: RoleStatusInput) -> WriteResult:
        return await write_one(info, "roleStatus", input)

    @strawberry.mutation(description="Record a customer's aspiration to a role.")
    async def record_aspiration(
        self, info: Info, input: AspirationInput
    ) -> WriteResult:
        return await write_one(info, "aspiration", input)

    @strawberry.mutation(description="Store how a customer wants to be contacted.")
    async def set_contact_preferences(
        self, info: Info, input: ContactPreferencesInput
    ) -> WriteResult:
        return await write_one(info, "contactPreferences", input)

    @strawberry.mutation(description="Record an action a relationship received.")
    async def record_action_received(
        self, info: Info, input: ActionReceivedInput
    ) -> WriteResult:
        return await write_one(info, "actionReceived", input)

    @strawberry.mutation(
        description="Write up to SIR_BATCH_MAX events in one transaction, or none."
    )
    async def record_events(self, info: Info, events: list[EventInput]) -> WriteResult:
        return await write(info, [event_of(e) for e in events], batch_limit(info))
