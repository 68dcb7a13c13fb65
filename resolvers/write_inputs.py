"""GraphQL inputs of the writes, and how they become events of the write path.

Each input has the fields of one event type of `graph.validation.SHAPES`, named
the same; `EventInput` is a `@oneOf` input that holds exactly one of them, the
GraphQL twin of an import line's `"type"` field.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry.utils.str_converters import to_camel_case

from sir.types import (
    ActionKind,
    Channel,
    Gate,
    Initiator,
    NeedKey,
    Outcome,
    RoleStatus,
    SignalKind,
)

# The SiR enums become GraphQL enums under their own names. `strawberry.enum`
# marks the classes of `sir.types` themselves, so any resolver module may
# annotate its fields with the enums of `sir.types` directly.
for _kind in (
    ActionKind,
    Channel,
    Gate,
    Initiator,
    NeedKey,
    Outcome,
    RoleStatus,
    SignalKind,
):
    strawberry.enum(_kind)


@strawberry.input(description="An organization, created or updated by its id.")
class OrganizationInput:
    id: strawberry.ID
    name: str


@strawberry.input(description="A customer, created or updated by its id.")
class CustomerInput:
    id: strawberry.ID
    name: str
    email: str | None = None
    created_at: datetime | None = strawberry.field(
        default=None, description="Kept from the first write when left out."
    )


@strawberry.input(description="A partner of an organization (PARTNERS_WITH).")
class PartnerInput:
    id: strawberry.ID
    name: str
    organization: strawberry.ID


@strawberry.input(description="A role an organization offers to its customers.")
class RoleInput:
    id: strawberry.ID
    organization: strawberry.ID
    key: str
    name: str
    rung: int = strawberry.field(description="Step on the role ladder, 1 to 10.")
    capacity: int | None = strawberry.field(
        default=None, description="How many may hold it; null for no limit."
    )
    partner: strawberry.ID | None = strawberry.field(
        default=None, description="The partner that hosts the role (HOSTS)."
    )


@strawberry.input(description="An action of an organization's catalogue.")
class ActionInput:
    id: strawberry.ID
    organization: strawberry.ID
    key: str
    kind: ActionKind
    need: NeedKey | None = strawberry.field(
        default=None, description="Defaults to the need the model gives the kind."
    )
    gate: Gate | None = strawberry.field(
        default=None, description="Defaults to the gate the model gives the kind."
    )
    goodwill_cost: float | None = strawberry.field(
        default=None, description="0 to 100; defaults to the model's cost."
    )
    cooldown_days: int | None = strawberry.field(
        default=None, description="0 to 3650; defaults to the model's cooldown."
    )
    channel: Channel | None = strawberry.field(
        default=None,
        description=(
            "The channel it reaches the customer through; only customers who "
            "consented to it are offered it. None: no channel of its own."
        ),
    )


@strawberry.input(description="How well a touchpoint met one need, -1 to 1.")
class NeedFulfilmentInput:
    need: NeedKey
    fulfilment: float


@strawberry.input(description="A contact between a customer and an organization.")
class TouchpointInput:
    id: strawberry.ID
    customer: strawberry.ID
    organization: strawberry.ID
    channel: Channel
    kind: str = strawberry.field(description="What happened, e.g. PURCHASE.")
    initiated_by: Initiator
    at: datetime
    effort: float | None = strawberry.field(
        default=None, description="The customer's effort, 0 (none) to 1 (a lot)."
    )
    note: str | None = None
    answered: bool | None = strawberry.field(
        default=None,
        description="For contacts the organization started: did the customer answer?",
    )
    partner: strawberry.ID | None = strawberry.field(
        default=None, description="The partner the contact went through (VIA)."
    )
    needs: list[NeedFulfilmentInput] | None = None


@strawberry.input(description="Something a customer did that shows goodwill.")
class SignalInput:
    id: strawberry.ID
    customer: strawberry.ID
    organization: strawberry.ID
    kind: SignalKind
    at: datetime
    weight: float | None = strawberry.field(
        default=None, description="0 to 10; 1 (the default) is a typical signal."
    )


@strawberry.input(description="Where a customer stands in a role (PLAYS).")
class RoleStatusInput:
    customer: strawberry.ID
    role: strawberry.ID
    status: RoleStatus
    since: datetime


@strawberry.input(description="A customer's wish for a role, readiness 0 to 1.")
class AspirationInput:
    customer: strawberry.ID
    role: strawberry.ID
    at: datetime
    clarity: float
    motivation: float
    ability: float


@strawberry.input(
    description="How a customer wants to be contacted; null fields stay as they are."
)
class ContactPreferencesInput:
    customer: strawberry.ID
    organization: strawberry.ID
    at: datetime
    consented_channels: list[Channel] | None = None
    opted_out: bool | None = None
    max_contacts_per_30_days: int | None = strawberry.field(
        default=None, name="maxContactsPer30Days"
    )
    preferred_channel: Channel | None = None


@strawberry.input(description="An action a relationship received, and its outcome.")
class ActionReceivedInput:
    customer: strawberry.ID
    action: strawberry.ID
    at: datetime
    outcome: Outcome


@strawberry.input(
    one_of=True,
    description="One event of a batch: exactly one of its fields is given.",
)
class EventInput:
    organization: OrganizationInput | None = strawberry.UNSET
    customer: CustomerInput | None = strawberry.UNSET
    partner: PartnerInput | None = strawberry.UNSET
    role: RoleInput | None = strawberry.UNSET
    action: ActionInput | None = strawberry.UNSET
    touchpoint: TouchpointInput | None = strawberry.UNSET
    signal: SignalInput | None = strawberry.UNSET
    role_status: RoleStatusInput | None = strawberry.UNSET
    aspiration: AspirationInput | None = strawberry.UNSET
    contact_preferences: ContactPreferencesInput | None = strawberry.UNSET
    action_received: ActionReceivedInput | None = strawberry.UNSET


@strawberry.type(description="What a write did.")
class WriteResult:
    written: int = strawberry.field(description="How many events were written.")
    ids: list[strawberry.ID] = strawberry.field(
        description="The ids of the nodes the events named, in their order."
    )
    relationships: list[strawberry.ID] = strawberry.field(
        description="The ids of the Relationships the events touched."
    )


def as_event(type_: str, value: object) -> dict[str, Any]:
    """An input as an event in the shape of `graph.validation`."""
    return {"type": type_, **plain_fields(value)}


def event_of(value: EventInput) -> dict[str, Any]:
    """The one event that a `@oneOf` EventInput holds."""
    for name, given in plain_fields(value, keep_objects=True).items():
        if given is not None and given is not strawberry.UNSET:
            return as_event(name, given)
    raise AssertionError("GraphQL lets no empty @oneOf input through")


def plain_fields(value: object, *, keep_objects: bool = False) -> dict[str, Any]:
    """The fields of an input object by their GraphQL names, values made plain."""
    return {
        name: getattr(value, attribute)
        if keep_objects
        else plain(getattr(value, attribute))
        for attribute, name in field_names(type(value))
    }


FIELD_NAMES: dict[type, tuple[tuple[str, str], ...]] = {}


def field_names(kind: type) -> tuple[tuple[str, str], ...]:
    """(Python name, GraphQL name) of each field of an input class, worked out once."""
    names = FIELD_NAMES.get(kind)
    if names is None:
        definition = kind.__strawberry_definition__  # type: ignore[attr-defined]
        names = tuple(
            (field.python_name, field.graphql_name or to_camel_case(field.python_name))
            for field in definition.fields
        )
        FIELD_NAMES[kind] = names
    return names


def plain(value: object) -> Any:
    """Lists, inputs and enums as JSON-like values; UNSET as None."""
    if value is strawberry.UNSET:
        return None
    if isinstance(value, list):
        return [plain(entry) for entry in value]
    if isinstance(value, Enum):
        return value.value
    if hasattr(value, "__strawberry_definition__"):
        return plain_fields(value)
    return value
