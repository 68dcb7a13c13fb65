"""The plain data of the SiR model: enums, the inputs it reads, what it returns.

Every enum is a ``StrEnum`` whose values are the names stored on graph nodes
and shown in the GraphQL schema. Every dataclass is frozen: the model never
changes its inputs and callers cannot change its results. The inputs check
themselves when built, so the model never sees a value it cannot score; all
their datetimes must be timezone-aware and are kept in UTC.
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


class _RankedEnum(StrEnum):
    """A string enum whose members are ordered by their definition."""

    @property
    def rank(self) -> int:
        """The position of this member, 0 for the lowest."""
        return list(type(self)).index(self)


class NeedKey(StrEnum):
    """The three generic needs a customer has in every service encounter."""

    SERVE = "SERVE"  # to be served: the client capacity
    CONNECT = "CONNECT"  # to build trust and connect: the connection capacity
    ROLE = "ROLE"  # to explore one's own role: the resource capacity


class Channel(StrEnum):
    """The medium a touchpoint went through."""

    EMAIL = "EMAIL"
    PHONE = "PHONE"
    CHAT = "CHAT"
    STORE = "STORE"
    WEB = "WEB"
    APP = "APP"
    SOCIAL = "SOCIAL"
    EVENT = "EVENT"
    OTHER = "OTHER"


class Initiator(StrEnum):
    """Who started a touchpoint; openness counts the customer's initiative."""

    CUSTOMER = "CUSTOMER"
    ORGANIZATION = "ORGANIZATION"


class SignalKind(StrEnum):
    """What a goodwill signal says; the last three are negative."""

    FEEDBACK = "FEEDBACK"
    SUGGESTION = "SUGGESTION"
    REFERRAL = "REFERRAL"
    REVIEW = "REVIEW"
    SURVEY_ANSWER = "SURVEY_ANSWER"
    OPT_IN = "OPT_IN"
    COMMUNITY_HELP = "COMMUNITY_HELP"
    CO_CREATION = "CO_CREATION"
    OPT_OUT = "OPT_OUT"
    ESCALATED_COMPLAINT = "ESCALATED_COMPLAINT"
    CHURN_INTENT = "CHURN_INTENT"

    @property
    def is_negative(self) -> bool:
        """Whether this kind withdraws goodwill instead of depositing it."""
        return self in NEGATIVE_SIGNALS


NEGATIVE_SIGNALS = frozenset(
    {SignalKind.OPT_OUT, SignalKind.ESCALATED_COMPLAINT, SignalKind.CHURN_INTENT}
)
POSITIVE_SIGNALS = frozenset(set(SignalKind) - NEGATIVE_SIGNALS)


class Tier(_RankedEnum):
    """Goodwill tier of Goodwill Differentiated Services, lowest first."""

    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"


class Gate(_RankedEnum):
    """The highest capacity gate a relationship has passed, lowest first.

    CLIENT means no gate is passed yet; CONNECTION that service is good enough
    for relationship processes to work; RESOURCE that the relationship is good
    enough for loyalty processes (roles, asks) to work.
    """

    CLIENT = "CLIENT"
    CONNECTION = "CONNECTION"
    RESOURCE = "RESOURCE"


class RelationshipType(_RankedEnum):
    """How far the customer has come from buying towards co-owning the service."""

    TRANSACTIONAL = "TRANSACTIONAL"
    RELATIONAL = "RELATIONAL"
    COLLABORATIVE = "COLLABORATIVE"
    CO_OWNING = "CO_OWNING"


class RoleStatus(StrEnum):
    """Where a customer stands in a role the organisation offers."""

    EXPLORING = "EXPLORING"
    ACTIVE = "ACTIVE"
    LAPSED = "LAPSED"


class ActionKind(StrEnum):
    """The kinds of action an organisation can take towards a customer.

    Which need each serves, which gate it requires and whether it is an ask
    (an action that withdraws goodwill) is set in ``ModelConfig.actions``.
    """

    SERVICE_FIX = "SERVICE_FIX"
    SERVICE_UPGRADE = "SERVICE_UPGRADE"
    PERSONAL_CONTACT = "PERSONAL_CONTACT"
    INFORMATION = "INFORMATION"
    EVENT_INVITE = "EVENT_INVITE"
    FEEDBACK_REQUEST = "FEEDBACK_REQUEST"
    SURVEY_REQUEST = "SURVEY_REQUEST"
    REFERRAL_REQUEST = "REFERRAL_REQUEST"
    CASE_STUDY_REQUEST = "CASE_STUDY_REQUEST"
    ROLE_INVITATION = "ROLE_INVITATION"
    RECOGNITION = "RECOGNITION"


class Outcome(StrEnum):
    """How the customer responded to an action they received."""

    POSITIVE = "POSITIVE"
    NEUTRAL = "NEUTRAL"
    NEGATIVE = "NEGATIVE"
    NO_RESPONSE = "NO_RESPONSE"


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


# ---------------------------------------------------------------- results


def count_text(n: int, noun: str) -> str:
    """``n`` and the noun, plural unless ``n`` is 1: "14 touchpoints"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def signed_text(value: float, digits: int) -> str:
    """A change with its sign, never "-0.00": "+4.1"."""
    # Adding 0.0 turns a rounded -0.0 into 0.0.
    return f"{round(value, digits) + 0.0:+.{digits}f}"


ExplanationValue = float | int | str | bool


@dataclass(frozen=True, slots=True)
class NeedScore:
    """How well one need is fulfilled, in [0, 1], and how sure the model is.

    ``evidence`` counts the touchpoints that addressed the need and
    ``evidence_weight`` is their total weight after time decay.
    """

    key: NeedKey
    value: float
    confidence: float
    evidence: int
    evidence_weight: float


@dataclass(frozen=True, slots=True)
class Openness:
    """How open the line between customer and organisation is, in [0, 1].

    ``initiative`` is the (decayed, shrunk) share of contacts the customer
    started; ``response`` the (decayed, shrunk) rate at which the customer
    answered contacts the organisation started. The counts are raw.
    """

    value: float
    initiative: float
    response: float
    customer_started: int
    organization_started: int
    answered: int
    unanswered: int


@dataclass(frozen=True, slots=True)
class GoodwillLedger:
    """Goodwill in [0, 100] and the decayed ledger lines it is the sum of."""

    value: float
    baseline: float
    openness: float
    deposits: float
    ask_withdrawals: float
    signal_withdrawals: float
    openness_detail: Openness

    @property
    def unclamped(self) -> float:
        """The sum of the lines before it is held within [0, 100]."""
        withdrawals = self.ask_withdrawals + self.signal_withdrawals
        return self.baseline + self.openness + self.deposits - withdrawals


@dataclass(frozen=True, slots=True)
class Trend:
    """Change of goodwill and of each need since ``since`` (now minus the window)."""

    since: datetime
    goodwill: float
    serve: float
    connect: float
    role: float
    gate_before: Gate


@dataclass(frozen=True, slots=True)
class Explanation:
    """One rule that fired: its id, a sentence for people, and its inputs."""

    rule: str
    text: str
    inputs: Mapping[str, ExplanationValue] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _set(self, "inputs", MappingProxyType(dict(self.inputs)))


@dataclass(frozen=True, slots=True)
class RelationshipProfile:
    """The State of the Relationship at ``at``, as computed by ``model_version``."""

    at: datetime
    model_version: str
    serve: NeedScore
    connect: NeedScore
    role: NeedScore
    goodwill: float
    ledger: GoodwillLedger
    tier: Tier
    gate: Gate
    relationship_quality: float
    relationship_type: RelationshipType
    at_risk: bool
    trend: Trend
    explanation: tuple[Explanation, ...]

    @property
    def needs(self) -> Mapping[NeedKey, NeedScore]:
        """The three need scores by key."""
        return {
            NeedKey.SERVE: self.serve,
            NeedKey.CONNECT: self.connect,
            NeedKey.ROLE: self.role,
        }
