"""GraphQL subscriptions: live state changes and new co-ownership opportunities.

They are served over a WebSocket at `/graphql` with the `graphql-transport-ws`
protocol. Each subscription is checked like a query of the same data: the
caller needs READ_RELATIONSHIPS (so a PARTNER, who never sees goodwill, gets
nothing), and an ANALYST or AGENT only ever hears of its own organization's
relationships, whatever arguments it sends. The events come from the app's
`graph.events.ChangeBus`, which announces states after their transaction
committed.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from dataclasses import dataclass
from typing import Any

import strawberry

from graph import opportunities, reads
from graph.database import Row
from graph.events import ChangeBus
from resolvers.context import Context, Info
from resolvers.intel import CoOwnershipOpportunity
from resolvers.permissions import Permission, Principal, as_id, require, scope_of
from resolvers.types import Relationship
from resolvers.types_state import RelationshipState
from sir.errors import NotFound, Unavailable

# An opportunity is one customer's relationship and one role.
OpportunityKey = tuple[str, str]


@dataclass
class LiveContext(Context):
    """The context of a WebSocket connection, shared by its subscriptions.

    `connection_params` is the payload of the client's `connection_init`
    message, where a browser puts its credentials; `events` is the app's bus.
    """

    events: ChangeBus | None = None
    connection_params: dict[str, Any] | None = None


@strawberry.type(description="A relationship whose state was recomputed by a write.")
class RelationshipStateChange:
    relationship: Relationship
    state: RelationshipState = strawberry.field(description="The new state.")

    @classmethod
    def from_row(cls, found: Row) -> RelationshipStateChange:
        """The change announced for one committed Relationship row."""
        state = RelationshipState.from_properties(found)
        assert state is not None  # noqa: S101 - the bus announces stored states
        return cls(relationship=Relationship.from_row(found), state=state)


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description=(
            "The new state of each relationship whose state a write recomputes: "
            "of one relationship, of one organization, or of every "
            "relationship the caller may read."
        )
    )
    async def relationship_state_changed(
        self,
        info: Info,
        relationship_id: strawberry.ID | None = None,
        organization_id: strawberry.ID | None = None,
    ) -> AsyncGenerator[RelationshipStateChange, None]:
        principal = require(
            info, Permission.READ_RELATIONSHIPS, organization_id=as_id(organization_id)
        )
        wanted = as_id(relationship_id)
        if wanted is not None:
            await check_relationship(info, wanted, principal)
        organization = as_id(organization_id) or principal.organization_id
        async with bus_of(info).subscribe(organization) as subscriber:
            while True:
                for row in await subscriber.next_rows():
                    if wanted is None or row["id"] == wanted:
                        info.context.loaders.clear()
                        yield RelationshipStateChange.from_row(row)

    @strawberry.subscription(
        description=(
            "Each co-ownership opportunity that appears in the organization "
            "after the subscription starts, as coOwnershipOpportunities ranks it."
        )
    )
    async def co_ownership_opportunity_appeared(
        self, info: Info, organization_id: strawberry.ID
    ) -> AsyncGenerator[CoOwnershipOpportunity, None]:
        organization = str(organization_id)
        principal = require(
            info, Permission.READ_RELATIONSHIPS, organization_id=organization
        )
        scope = scope_of(principal)["scopeOrganizationId"]
        # Subscribed before the first look, so no change falls in between;
        # an opportunity that appears during that look counts as known.
        async with bus_of(info).subscribe(organization) as subscriber:
            subscriber.ready = False
            found = await opportunities.co_ownership_opportunities(
                info.context.database, organization, scope=scope
            )
            known = {opportunity_key(item) for item in found}
            subscriber.ready = True
            while True:
                await subscriber.next_rows()
                found = await opportunities.co_ownership_opportunities(
                    info.context.database, organization, scope=scope
                )
                info.context.loaders.clear()
                for item in found:
                    if opportunity_key(item) not in known:
                        yield CoOwnershipOpportunity.from_found(item)
                # One that goes and comes back later is announced again.
                known = {opportunity_key(item) for item in found}


def bus_of(info: Info) -> ChangeBus:
    """The app's change bus; only WebSocket connections have one."""
    context = info.context
    if isinstance(context, LiveContext) and context.events is not None:
        return context.events
    raise Unavailable(
        "Subscriptions are served over a WebSocket at /graphql with the "
        "graphql-transport-ws protocol."
    )


async def check_relationship(info: Info, id: str, principal: Principal) -> None:
    """Refuse a relationship that does not exist or that the caller may not see.

    Both get the same answer, so that a caller cannot probe another
    organization's ids.
    """
    scope = scope_of(principal)["scopeOrganizationId"]
    found = await reads.get_relationships(info.context.database, [id], scope=scope)
    if id not in found:
        raise NotFound(f'Relationship "{id}" does not exist.')


def opportunity_key(found: opportunities.FoundOpportunity) -> OpportunityKey:
    """What tells one opportunity from another: relationship and role."""
    return (found.opportunity.relationship_id, found.opportunity.role.id)
