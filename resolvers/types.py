"""GraphQL types of the graph's nouns: customers, relationships, organizations.

Their fields that reach further into the graph go through the request's
loaders (`resolvers/loaders.py`), so a list of fifty customers with their
relationships costs one round trip per level, not one per customer.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from graph import reads, summaries
from graph.database import Row
from graph.summaries import AT_RISK_KEPT
from resolvers.context import Info
from resolvers.limits import list_size
from resolvers.loaders import loaders
from resolvers.pagination import (
    AS_OF,
    Connection,
    Edge,
    PageInfo,
    check_first,
    connection,
    max_page_size,
    page_window,
)
from resolvers.permissions import Permission, allowed, organization_scope
from resolvers.types_state import (
    MAX_EXPLANATION,
    NEED_PROPERTIES,
    ExplanationLine,
    GoodwillSignal,
    NeedFulfilment,
    RelationshipState,
    RolePlay,
    StateSnapshot,
    Touchpoint,
    explanation_of,
)
from sir.types import Gate, NeedKey, RelationshipType, Tier

if TYPE_CHECKING:
    from resolvers.intel import NextStep

DEFAULT_HISTORY = 10
DEFAULT_RELATIONSHIPS = 10
DEFAULT_AT_RISK = 10


@strawberry.type(description="A person or business served by organizations.")
class Customer:
    id: strawberry.ID
    name: str
    email: str | None
    created_at: datetime | None

    @classmethod
    def from_row(cls, found: Row) -> Customer:
        """A customer from a row of `graph.reads`."""
        return cls(
            id=strawberry.ID(found["id"]),
            name=found["name"],
            email=found.get("email"),
            created_at=found.get("createdAt"),
        )

    @strawberry.field(
        description="One per organization the customer deals with, by its id."
    )
    async def relationships(
        self, info: Info, first: int = DEFAULT_RELATIONSHIPS
    ) -> list[Relationship]:
        limit = check_first(first, max_page_size(info))
        rows = await loaders(info).customer_relationships.load(self.id)
        return [Relationship.from_row(row) for row in rows[:limit]]


@strawberry.type(description="An organization and the relationships it keeps.")
class Organization:
    id: strawberry.ID
    name: str

    @classmethod
    def from_row(cls, found: Row) -> Organization:
        """An organization from a row of `graph.reads`."""
        return cls(id=strawberry.ID(found["id"]), name=found["name"])

    @strawberry.field(
        description="How the organization's relationships stand. ANALYST, ADMIN.",
        extensions=[allowed(Permission.READ_DASHBOARDS)],
    )
    async def dashboard(self, info: Info) -> Dashboard:
        database, scope = info.context.database, organization_scope(info)
        summary = await summaries.summary_of(database, self.id, scope=scope)
        if summary is not None:
            dashboard = Dashboard.from_row(self.id, summary.dashboard_row())
            dashboard.as_of = summary.computed_at
            dashboard.kept_at_risk = summary.at_risk
            return dashboard
        found = await reads.summarize_organization(database, self.id, scope=scope)
        return Dashboard.from_row(self.id, found or {})


@strawberry.type(
    description="One customer's relationship with one organization, and its state."
)
class Relationship:
    id: strawberry.ID
    since: datetime | None
    state: RelationshipState | None = strawberry.field(
        description="The current state; null until the relationship is profiled."
    )
    explanation: list[ExplanationLine] = strawberry.field(
        description="Why the state is what it is: each rule that fired, in order.",
        metadata=list_size(MAX_EXPLANATION),
    )
    customer_id: strawberry.Private[str]
    organization_id: strawberry.Private[str]

    @classmethod
    def from_row(cls, found: Row) -> Relationship:
        """A relationship from a row holding all its stored properties."""
        return cls(
            id=strawberry.ID(found["id"]),
            since=found.get("since"),
            state=RelationshipState.from_properties(found),
            explanation=explanation_of(found),
            customer_id=found["customer"],
            organization_id=found["organization"],
        )

    @strawberry.field
    async def customer(self, info: Info) -> Customer:
        found = await loaders(info).customers.load(self.customer_id)
        assert found is not None  # noqa: S101 - read with the relationship
        return Customer.from_row(found)

    @strawberry.field
    async def organization(self, info: Info) -> Organization:
        found = await loaders(info).organizations.load(self.organization_id)
        assert found is not None  # noqa: S101 - read with the relationship
        return Organization.from_row(found)

    @strawberry.field(description="States kept when the state changed, newest first.")
    async def history(
        self, info: Info, first: int = DEFAULT_HISTORY
    ) -> list[StateSnapshot]:
        limit = check_first(first, max_page_size(info))
        rows = await loaders(info).history.load((self.id, limit))
        return [StateSnapshot.from_row(row) for row in rows]

    @strawberry.field(description="Contacts, newest first.")
    async def touchpoints(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> Connection[Touchpoint]:
        window = page_window(info, first, after)
        found = await loaders(info).touchpoints.load(
            (self.id, window.skip, window.limit)
        )
        nodes = [Touchpoint.from_row(row) for row in found.items]
        return connection(nodes, window, found.total)

    @strawberry.field(description="Goodwill signals, newest first.")
    async def signals(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> Connection[GoodwillSignal]:
        window = page_window(info, first, after)
        found = await loaders(info).signals.load((self.id, window.skip, window.limit))
        nodes = [GoodwillSignal.from_row(row) for row in found.items]
        return connection(nodes, window, found.total)

    @strawberry.field(
        description="Roles of the organization the customer plays, highest rung first."
    )
    async def roles(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> Connection[RolePlay]:
        window = page_window(info, first, after)
        found = await loaders(info).roles.load((self.id, window.skip, window.limit))
        nodes = [RolePlay.from_row(row) for row in found.items]
        return connection(nodes, window, found.total)

    @strawberry.field(description="The next best steps, best first: nextBestSteps.")
    async def next_best_steps(
        self, info: Info, first: int = 5
    ) -> list[Annotated[NextStep, strawberry.lazy("resolvers.intel")]]:
        # Imported here: resolvers.intel builds on the types of this module.
        from resolvers.intel import steps_of

        return await steps_of(info, str(self.id), first)


@strawberry.type
class TierCount:
    tier: Tier
    count: int


@strawberry.type
class GateCount:
    gate: Gate
    count: int


@strawberry.type
class TypeCount:
    type: RelationshipType
    count: int


@strawberry.type(
    description="Counts and averages over an organization's relationships."
)
class Dashboard:
    relationships: int = strawberry.field(description="All of them.")
    profiled: int = strawberry.field(description="Those with a state.")
    at_risk_count: int
    average_goodwill: float | None
    average_needs: list[NeedFulfilment] = strawberry.field(
        description="Mean value and confidence of each need; empty if none profiled.",
        metadata=list_size(len(NeedKey)),
    )
    by_tier: list[TierCount] = strawberry.field(
        description="Every tier, zeros too.", metadata=list_size(len(Tier))
    )
    by_gate: list[GateCount] = strawberry.field(
        description="Every gate, zeros too.", metadata=list_size(len(Gate))
    )
    by_type: list[TypeCount] = strawberry.field(
        description="Every type, zeros too.", metadata=list_size(len(RelationshipType))
    )
    organization_id: strawberry.Private[str]
    as_of: datetime | None = strawberry.field(default=None, description=AS_OF)
    # The at-risk relationship ids of the summary, lowest goodwill first.
    kept_at_risk: strawberry.Private[list[str] | None] = None

    @classmethod
    def from_row(cls, organization_id: str, found: Row) -> Dashboard:
        """A dashboard from the row of `read/summarize_organization`."""

        def counts(name: str) -> dict[str, int]:
            return {entry["key"]: entry["count"] for entry in found.get(name) or []}

        tiers, gates, types = counts("tiers"), counts("gates"), counts("types")
        averages = [
            NeedFulfilment(need=need, value=found[value], confidence=found[confidence])
            for need, (value, confidence) in NEED_PROPERTIES.items()
            if found.get(value) is not None
        ]
        return cls(
            relationships=found.get("relationships") or 0,
            profiled=found.get("profiled") or 0,
            at_risk_count=found.get("atRisk") or 0,
            average_goodwill=found.get("goodwill"),
            average_needs=averages,
            by_tier=[TierCount(tier=t, count=tiers.get(t, 0)) for t in Tier],
            by_gate=[GateCount(gate=g, count=gates.get(g, 0)) for g in Gate],
            by_type=[
                TypeCount(type=t, count=types.get(t, 0)) for t in RelationshipType
            ],
            organization_id=organization_id,
        )

    @strawberry.field(description="At-risk relationships, lowest goodwill first.")
    async def at_risk(
        self, info: Info, first: int = DEFAULT_AT_RISK
    ) -> list[Relationship]:
        limit = check_first(first, max_page_size(info))
        database, scope = info.context.database, organization_scope(info)
        kept = self.kept_at_risk
        # The summary keeps the first AT_RISK_KEPT, or all when fewer.
        if kept is not None and (limit <= len(kept) or len(kept) < AT_RISK_KEPT):
            ids = kept[:limit]
            found = await reads.get_relationships(database, ids, scope=scope)
            return [Relationship.from_row(found[id]) for id in ids if id in found]
        rows = await reads.at_risk_relationships(
            database, self.organization_id, limit, scope=scope
        )
        return [Relationship.from_row(row) for row in rows]


@strawberry.type(description="One page of customers.")
class CustomerConnection:
    edges: list[Edge[Customer]]
    page_info: PageInfo
    filter: strawberry.Private[reads.CustomerFilter]
    as_of: datetime | None = strawberry.field(default=None, description=AS_OF)
    # The count of the summary the page was read from, if it was.
    known_total: strawberry.Private[int | None] = None

    @strawberry.field(description="Customers in all pages; costs one more query.")
    async def total_count(self, info: Info) -> int:
        if self.known_total is not None:
            return self.known_total
        return await reads.count_customers(
            info.context.database, self.filter, scope=organization_scope(info)
        )
