"""Queries that read customers, relationships and organizations.

A single lookup by an id that does not exist answers null, as nullable
fields do in GraphQL, rather than an error: a client that holds an old id
can tell "gone" from "failed" without parsing messages. A customer or
relationship outside the caller's organization answers null too, exactly as
if it did not exist, so that a caller cannot probe for another
organization's ids; naming another organization outright (`organization`,
`customers(organizationId:)`) is refused with FORBIDDEN.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from graph import reads, summaries
from resolvers.context import Info
from resolvers.loaders import loaders
from resolvers.pagination import Edge, PageInfo, encode_cursor, page_window
from resolvers.permissions import Permission, allowed, organization_scope, require
from resolvers.types import Customer, CustomerConnection, Organization, Relationship
from sir.types import Gate, RelationshipType, Tier


@strawberry.enum(description="What `customers` sorts by.")
class CustomerOrder(Enum):
    NAME = "NAME"
    GOODWILL = "GOODWILL"
    GOODWILL_CHANGE = "GOODWILL_CHANGE"


@strawberry.enum
class Direction(Enum):
    ASC = "ASC"
    DESC = "DESC"


@strawberry.type
class Query:
    @strawberry.field(
        description="A customer by id; null if there is none in the caller's scope.",
        extensions=[allowed(Permission.READ_RELATIONSHIPS)],
    )
    async def customer(self, info: Info, id: strawberry.ID) -> Customer | None:
        found = await loaders(info).customers.load(str(id))
        return Customer.from_row(found) if found is not None else None

    @strawberry.field(
        description=(
            "Customers, one page at a time. The relationship filters keep a "
            "customer when one of its relationships matches them all; GOODWILL "
            "and GOODWILL_CHANGE sort by the highest of those relationships, "
            "customers never profiled last. An ANALYST or AGENT sees only the "
            "customers that have a relationship with its organization."
        ),
        extensions=[allowed(Permission.READ_RELATIONSHIPS)],
    )
    async def customers(
        self,
        info: Info,
        first: int = 20,
        after: str | None = None,
        organization_id: strawberry.ID | None = None,
        tier: Tier | None = None,
        gate: Gate | None = None,
        type: RelationshipType | None = None,
        at_risk: bool | None = None,
        search: Annotated[
            str | None,
            strawberry.argument(description="Part of the name or e-mail, any case."),
        ] = None,
        order_by: CustomerOrder = CustomerOrder.NAME,
        direction: Direction = Direction.ASC,
    ) -> CustomerConnection:
        window = page_window(info, first, after)
        where = reads.CustomerFilter(
            search=search,
            organization_id=str(organization_id) if organization_id else None,
            tier=tier.value if tier else None,
            gate=gate.value if gate else None,
            type=type.value if type else None,
            at_risk=at_risk,
        )
        database, scope = info.context.database, organization_scope(info)
        descending = direction is Direction.DESC
        # One more than asked tells whether another page follows.
        wider = reads.Window(window.skip, window.limit + 1)
        summary = await summary_for(info, where)
        known_total = None
        if summary is not None:
            name = summaries.customers_list(order_by.value, descending)
            known_total = summary.length(name)
            ids = await summaries.read_list(database, summary, name, wider, scope=scope)
            found = await reads.get_customers(database, ids, scope=scope)
            rows = [found[id] for id in ids if id in found]
        else:
            rows = await reads.list_customers(
                database, where, order_by.value, descending, wider, scope=scope
            )
        page = rows[: window.limit]
        customers = loaders(info).customers
        for row in page:
            customers.prime(row["id"], row)
        edges = [
            Edge(cursor=encode_cursor(window.skip + i), node=Customer.from_row(row))
            for i, row in enumerate(page)
        ]
        end = edges[-1].cursor if edges else None
        return CustomerConnection(
            edges=edges,
            page_info=PageInfo(has_next_page=len(rows) > len(page), end_cursor=end),
            filter=where,
            as_of=summary.computed_at if summary else None,
            known_total=known_total,
        )

    @strawberry.field(
        description="A relationship by id; null if none is in the caller's scope.",
        extensions=[allowed(Permission.READ_RELATIONSHIPS)],
    )
    async def relationship(self, info: Info, id: strawberry.ID) -> Relationship | None:
        found = await loaders(info).relationships.load(str(id))
        return Relationship.from_row(found) if found is not None else None

    @strawberry.field(
        description=(
            "An organization by id; null if there is none. An ANALYST or AGENT "
            "may ask only for its own."
        )
    )
    async def organization(self, info: Info, id: strawberry.ID) -> Organization | None:
        require(info, Permission.READ_RELATIONSHIPS, organization_id=str(id))
        found = await loaders(info).organizations.load(str(id))
        return Organization.from_row(found) if found is not None else None


async def summary_for(
    info: Info, where: reads.CustomerFilter
) -> summaries.Summary | None:
    """The summary a customers page is read from: one organization's, with
    no filter but the organization."""
    organization = where.organization_id or organization_scope(info)
    unfiltered = reads.CustomerFilter(organization_id=where.organization_id)
    if organization is None or where != unfiltered:
        return None
    return await summaries.summary_of(
        info.context.database, organization, scope=organization_scope(info)
    )
