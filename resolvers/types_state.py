"""GraphQL types of what a relationship holds: its state, history and lists.

Each type is plain data built from a row of `graph.reads`; none of them runs
a query. The state is read from the properties that `graph.states` stores on
the Relationship node, so GraphQL shows exactly what analysts see in the
graph.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import strawberry

from resolvers.limits import list_size
from sir.types import (
    Channel,
    Gate,
    Initiator,
    NeedKey,
    RelationshipType,
    RoleStatus,
    SignalKind,
    Tier,
)

# The SiR enums are GraphQL enums under their own names; the write inputs
# register some of them too, and whichever module comes first does it.
for _kind in (
    Channel,
    Gate,
    Initiator,
    NeedKey,
    RelationshipType,
    RoleStatus,
    SignalKind,
    Tier,
):
    if not hasattr(_kind, "__strawberry_definition__"):
        strawberry.enum(_kind)

Row = Mapping[str, Any]
NEED_ORDER = list(NeedKey)
# The most rules one explanation holds: inputs, three needs, openness, the
# ledger, tier, two gates, type, trend and the four at-risk rules.
MAX_EXPLANATION = 16

# The stored property of each need's value, and of its confidence.
NEED_PROPERTIES = {
    NeedKey.SERVE: ("serve", "serveConfidence"),
    NeedKey.CONNECT: ("connect", "connectConfidence"),
    NeedKey.ROLE: ("role", "roleConfidence"),
}


@strawberry.type(description="How well one need is met, 0 to 1, and how sure.")
class NeedFulfilment:
    need: NeedKey
    value: float
    confidence: float = strawberry.field(
        description="0 (no evidence) to 1; 0.5 once evidence outweighs the prior."
    )


@strawberry.type(description="Change of goodwill and needs since `since`.")
class Trend:
    since: datetime | None
    goodwill: float
    serve: float
    connect: float
    role: float


@strawberry.type(
    description="The State of the Relationship: needs, goodwill, tier, gate, type."
)
class RelationshipState:
    at: datetime = strawberry.field(description="When the state was computed.")
    model_version: str
    needs: list[NeedFulfilment] = strawberry.field(
        description="SERVE, CONNECT and ROLE, in that order.",
        metadata=list_size(len(NeedKey)),
    )
    goodwill: float = strawberry.field(description="0 to 100.")
    relationship_quality: float | None = strawberry.field(
        description="0 to 1, from connect and goodwill; decides gate RESOURCE."
    )
    tier: Tier
    gate: Gate = strawberry.field(description="The highest gate passed.")
    type: RelationshipType
    at_risk: bool
    trend: Trend

    @classmethod
    def from_properties(cls, found: Row) -> RelationshipState | None:
        """The state stored on a Relationship, or None if it was never profiled."""
        if found.get("stateAt") is None:
            return None
        return cls(
            at=found["stateAt"],
            model_version=found["modelVersion"],
            needs=[
                NeedFulfilment(
                    need=need, value=found[value], confidence=found[confidence]
                )
                for need, (value, confidence) in NEED_PROPERTIES.items()
            ],
            goodwill=found["goodwill"],
            relationship_quality=found.get("relationshipQuality"),
            tier=Tier(found["tier"]),
            gate=Gate(found["gate"]),
            type=RelationshipType(found["type"]),
            at_risk=bool(found["atRisk"]),
            trend=Trend(
                since=found.get("trendSince"),
                goodwill=found.get("goodwillTrend") or 0.0,
                serve=found.get("serveTrend") or 0.0,
                connect=found.get("connectTrend") or 0.0,
                role=found.get("roleTrend") or 0.0,
            ),
        )


@strawberry.type(description="One rule of the model that fired, in words.")
class ExplanationLine:
    rule: str = strawberry.field(description='Its id, such as "gate.connection".')
    text: str


def explanation_of(found: Row) -> list[ExplanationLine]:
    """The explanation stored on a Relationship, in the model's order."""
    rules = found.get("explanationRules") or []
    texts = found.get("explanation") or []
    lines = [
        ExplanationLine(rule=rule, text=text)
        for rule, text in zip(rules, texts, strict=False)
    ]
    return lines[:MAX_EXPLANATION]


@strawberry.type(description="A state kept in the history (RelationshipState).")
class StateSnapshot:
    at: datetime
    serve: float
    connect: float
    role: float
    goodwill: float
    tier: Tier
    gate: Gate
    type: RelationshipType
    at_risk: bool | None
    model_version: str | None

    @classmethod
    def from_row(cls, found: Row) -> StateSnapshot:
        """A snapshot from a row of `read/list_relationship_states`."""
        return cls(
            at=found["at"],
            serve=found["serve"],
            connect=found["connect"],
            role=found["role"],
            goodwill=found["goodwill"],
            tier=Tier(found["tier"]),
            gate=Gate(found["gate"]),
            type=RelationshipType(found["type"]),
            at_risk=found.get("atRisk"),
            model_version=found.get("modelVersion"),
        )


@strawberry.type(description="How well a touchpoint met one need, -1 to 1.")
class TouchpointNeed:
    need: NeedKey
    fulfilment: float


@strawberry.type(description="One contact between customer and organization.")
class Touchpoint:
    id: strawberry.ID
    at: datetime
    channel: Channel
    kind: str
    initiated_by: Initiator
    effort: float | None
    note: str | None
    answered: bool | None
    partner: strawberry.ID | None = strawberry.field(
        description="The id of the partner the contact went through."
    )
    needs: list[TouchpointNeed] = strawberry.field(metadata=list_size(len(NeedKey)))

    @classmethod
    def from_row(cls, found: Row) -> Touchpoint:
        """A touchpoint from an item of `read/list_relationship_touchpoints`."""
        return cls(
            id=strawberry.ID(found["id"]),
            at=found["at"],
            channel=Channel(found["channel"]),
            kind=found["kind"],
            initiated_by=Initiator(found["initiatedBy"]),
            effort=found.get("effort"),
            note=found.get("note"),
            answered=found.get("answered"),
            partner=found.get("partner"),
            needs=sorted(
                (
                    TouchpointNeed(need=NeedKey(n["need"]), fulfilment=n["fulfilment"])
                    for n in found["needs"]
                ),
                key=lambda n: NEED_ORDER.index(n.need),
            ),
        )


@strawberry.type(description="Something the customer did that shows goodwill.")
class GoodwillSignal:
    id: strawberry.ID
    at: datetime
    kind: SignalKind
    weight: float

    @classmethod
    def from_row(cls, found: Row) -> GoodwillSignal:
        """A signal from an item of `read/list_relationship_signals`."""
        return cls(
            id=strawberry.ID(found["id"]),
            at=found["at"],
            kind=SignalKind(found["kind"]),
            weight=found["weight"] if found["weight"] is not None else 1.0,
        )


@strawberry.type(description="A role an organization offers, on its role ladder.")
class Role:
    id: strawberry.ID
    key: str
    name: str
    rung: int
    capacity: int | None = strawberry.field(description="Null for no limit.")


@strawberry.type(description="A role the customer plays (PLAYS), and how.")
class RolePlay:
    role: Role
    status: RoleStatus
    since: datetime | None

    @classmethod
    def from_row(cls, found: Row) -> RolePlay:
        """A role played, from an item of `read/list_relationship_roles`."""
        role = found["role"]
        return cls(
            role=Role(
                id=strawberry.ID(role["id"]),
                key=role["key"],
                name=role["name"],
                rung=role["rung"],
                capacity=role.get("capacity"),
            ),
            status=RoleStatus(found["status"]),
            since=found.get("since"),
        )
