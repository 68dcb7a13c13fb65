"""The inputs of the SiR model: what it reads about one relationship.

Every input is a frozen dataclass that checks itself when built, so the model
never sees a value it cannot score: a bad value raises ``InvalidInput``
naming the field, the item and the value. All datetimes must be
timezone-aware and are kept in UTC; enum fields also accept their string
names, as read from the graph.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Self, TypeVar

from sir.errors import InvalidInput
from sir.types import Gate, Initiator, NeedKey, RoleStatus, SignalKind

# ---------------------------------------------------------------- checks

_E = TypeVar("_E", bound=StrEnum)


def _fail(message: str, name: str, item: str | None, value: object) -> InvalidInput:
    return InvalidInput(message, field=name, item=item, value=value)


def check_utc(value: object, name: str, item: str | None = None) -> datetime:
    """Return ``value`` in UTC, or raise InvalidInput unless it is aware."""
    if not isinstance(value, datetime) or value.utcoffset() is None:
        message = f'The {name} must be a timezone-aware datetime, not "{value}".'
        raise _fail(message, name, item, value)
    return value.astimezone(UTC)


def check_enum(kind: type[_E], value: object, name: str, item: str | None) -> _E:
    """Return ``value`` as a member of ``kind``, accepting its string value."""
    try:
        return kind(str(value))
    except ValueError:
        allowed = ", ".join(kind)
        message = f'The {name} "{value}" is not one of {allowed}.'
        raise _fail(message, name, item, value) from None


def check_number(
    value: object, name: str, item: str | None, low: float, high: float
) -> float:
    """Return ``value`` as a float, or raise InvalidInput outside [low, high]."""
    number = value if isinstance(value, int | float) else math.nan
    if isinstance(value, bool) or not low <= number <= high:
        message = f'The {name} must be a number in [{low:g}, {high:g}], not "{value}".'
        raise _fail(message, name, item, value)
    return float(number)


def _set(instance: object, name: str, value: object) -> None:
    # Frozen dataclasses normalise their own fields once, while being built.
    object.__setattr__(instance, name, value)


# ---------------------------------------------------------------- inputs


@dataclass(frozen=True, slots=True)
class TouchpointInput:
    """One contact between customer and organisation.

    ``fulfilment`` maps each need the contact addressed to how well it was
    met, from -1 (badly) to 1 (fully); a contact may address no need and
    still count for openness. ``answered`` is only read for contacts the
    organisation started: True when the customer answered, False when an
    answer was expected and none came, None when no answer was expected or it
    is unknown. ``id`` names the touchpoint in error messages.
    """

    at: datetime
    initiated_by: Initiator
    fulfilment: Mapping[NeedKey, float] = field(default_factory=dict)
    answered: bool | None = None
    id: str | None = None

    def __post_init__(self) -> None:
        _set(self, "at", check_utc(self.at, "touchpoint time", self.id))
        initiator = check_enum(Initiator, self.initiated_by, "initiator", self.id)
        _set(self, "initiated_by", initiator)
        fulfilment = {
            check_enum(NeedKey, key, "need", self.id): check_number(
                value, f"fulfilment of {key}", self.id, -1.0, 1.0
            )
            for key, value in self.fulfilment.items()
        }
        _set(self, "fulfilment", MappingProxyType(fulfilment))


@dataclass(frozen=True, slots=True)
class SignalInput:
    """A goodwill signal: something the customer did that shows goodwill.

    ``weight`` scales the configured amount for the kind, 1.0 being a typical
    signal (a long, thoughtful review may weigh 2.0).
    """

    at: datetime
    kind: SignalKind
    weight: float = 1.0
    id: str | None = None

    def __post_init__(self) -> None:
        _set(self, "at", check_utc(self.at, "signal time", self.id))
        _set(self, "kind", check_enum(SignalKind, self.kind, "signal kind", self.id))
        weight = check_number(self.weight, "signal weight", self.id, 0.0, 10.0)
        _set(self, "weight", weight)


@dataclass(frozen=True, slots=True)
class AskInput:
    """An ask the organisation made: a received action whose kind is an ask."""

    at: datetime
    goodwill_cost: float
    id: str | None = None

    def __post_init__(self) -> None:
        _set(self, "at", check_utc(self.at, "ask time", self.id))
        cost = check_number(self.goodwill_cost, "goodwill cost", self.id, 0.0, 100.0)
        _set(self, "goodwill_cost", cost)


@dataclass(frozen=True, slots=True)
class RoleInput:
    """A role the customer plays or explores; ``key`` names it in explanations."""

    rung: int
    status: RoleStatus
    key: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.rung, bool) or not isinstance(self.rung, int):
            message = f'The role rung must be a whole number, not "{self.rung}".'
            raise _fail(message, "role rung", self.key, self.rung)
        check_number(self.rung, "role rung", self.key, 0, 1_000)
        status = check_enum(RoleStatus, self.status, "role status", self.key)
        _set(self, "status", status)


@dataclass(frozen=True, slots=True)
class StateSnapshot:
    """The part of a stored earlier state that the model compares against."""

    at: datetime
    goodwill: float
    gate: Gate
    model_version: str

    def __post_init__(self) -> None:
        _set(self, "at", check_utc(self.at, "previous state time", None))
        goodwill = check_number(self.goodwill, "previous goodwill", None, 0.0, 100.0)
        _set(self, "goodwill", goodwill)
        _set(self, "gate", check_enum(Gate, self.gate, "previous gate", None))


@dataclass(frozen=True, slots=True)
class RelationshipInputs:
    """Everything the model reads about one customer-organisation relationship.

    Inputs dated after the moment of evaluation are ignored, so the same
    inputs can be evaluated as of any earlier time.
    """

    touchpoints: Sequence[TouchpointInput] = ()
    signals: Sequence[SignalInput] = ()
    asks: Sequence[AskInput] = ()
    roles: Sequence[RoleInput] = ()
    previous: StateSnapshot | None = None

    def __post_init__(self) -> None:
        for name in ("touchpoints", "signals", "asks", "roles"):
            _set(self, name, tuple(getattr(self, name)))

    def as_of(self, moment: datetime) -> Self:
        """The same inputs without anything dated after ``moment``."""
        return type(self)(
            touchpoints=[t for t in self.touchpoints if t.at <= moment],
            signals=[s for s in self.signals if s.at <= moment],
            asks=[a for a in self.asks if a.at <= moment],
            roles=self.roles,
            previous=self.previous,
        )
