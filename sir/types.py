"""The plain data of the SiR model: its enums and what it returns.

Every enum is a ``StrEnum`` whose values are the names stored on graph nodes
and shown in the GraphQL schema. Every result dataclass is frozen: callers
cannot change what the model computed. The inputs the model reads live in
``sir.inputs``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType


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
        # Frozen: the inputs are copied once, read-only, while being built.
        object.__setattr__(self, "inputs", MappingProxyType(dict(self.inputs)))


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
