"""The partner portal: the customers who hold or want the roles a partner hosts.

A PARTNER sees its own portal only, an ADMIN any partner's; every other role
is refused. The portal shows each customer's name and the roles of this
partner that the customer PLAYS or ASPIRES_TO, and nothing else: no goodwill,
needs, touchpoints or signals, and no role that someone else hosts.
"""

from __future__ import annotations

from enum import Enum

import strawberry

from resolvers.context import Info
from resolvers.limits import list_size
from resolvers.pagination import Connection, connection, page_window
from resolvers.permissions import Permission, Role, partner_scope, require
from sir.errors import InvalidInput, NotFound

# A customer rarely holds more than a few roles with one partner; the list is
# cut here so that its cost is known (see resolvers.limits.list_size).
MAX_ROLES_PER_CUSTOMER = 20


@strawberry.enum(description="How a customer relates to a role.")
class RoleRelation(Enum):
    PLAYS = "PLAYS"
    ASPIRES_TO = "ASPIRES_TO"


@strawberry.type(description="A role the partner hosts, as one customer holds it.")
class PortalRole:
    id: strawberry.ID
    key: str
    name: str
    relation: RoleRelation
    status: str | None = strawberry.field(
        description="EXPLORING, ACTIVE or LAPSED for PLAYS; null for ASPIRES_TO."
    )


@strawberry.type(description="A customer as a partner sees it: a name and roles.")
class PortalCustomer:
    id: strawberry.ID
    name: str
    roles: list[PortalRole] = strawberry.field(
        description=(
            f"The partner's roles this customer plays or aspires to, by role id; "
            f"at most {MAX_ROLES_PER_CUSTOMER}."
        ),
        metadata=list_size(MAX_ROLES_PER_CUSTOMER),
    )


@strawberry.type(description="What one partner may see of the graph.")
class PartnerPortal:
    id: strawberry.ID
    name: str

    @strawberry.field(
        description="Customers who play or aspire to a role this partner hosts."
    )
    async def customers(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> Connection[PortalCustomer]:
        window = page_window(info, first, after)
        rows = await info.context.database.read(
            "partner/list_partner_customers",
            partnerId=str(self.id),
            skip=window.skip,
            limit=window.limit,
            maxRoles=MAX_ROLES_PER_CUSTOMER,
            scopePartnerId=partner_scope(info),
        )
        if not rows:
            return connection([], window, 0)
        customers = [portal_customer(c) for c in rows[0]["customers"]]
        return connection(customers, window, int(rows[0]["total"]))


def portal_customer(row: dict[str, object]) -> PortalCustomer:
    """A customer of the portal from a row of `list_partner_customers`."""
    roles = row["roles"]
    assert isinstance(roles, list)  # noqa: S101 - the statement's contract
    return PortalCustomer(
        id=strawberry.ID(str(row["id"])),
        name=str(row["name"]),
        roles=[
            PortalRole(
                id=strawberry.ID(str(r["id"])),
                key=str(r["key"]),
                name=str(r["name"]),
                relation=RoleRelation(r["relation"]),
                status=r["status"],
            )
            for r in roles
        ],
    )


def portal_partner_id(info: Info, partner_id: str | None) -> str:
    """The partner whose portal this caller may open; Forbidden otherwise."""
    principal = require(info, Permission.READ_PARTNER_PORTAL, partner_id=partner_id)
    if principal.role is Role.PARTNER and principal.partner_id is not None:
        return principal.partner_id
    if partner_id is None:
        raise InvalidInput(
            f"Role {principal.role} must name the partner with partnerId.",
            field="partnerId",
        )
    return partner_id


@strawberry.type
class Query:
    @strawberry.field(
        description=(
            "A partner's portal: its own for a PARTNER; any, by partnerId, "
            "for an ADMIN."
        )
    )
    async def partner_portal(
        self, info: Info, partner_id: strawberry.ID | None = None
    ) -> PartnerPortal:
        wanted = portal_partner_id(
            info, None if partner_id is None else str(partner_id)
        )
        rows = await info.context.database.read(
            "partner/find_partner", partnerId=wanted, scopePartnerId=partner_scope(info)
        )
        if not rows:
            raise NotFound(f'Partner "{wanted}" does not exist.')
        return PartnerPortal(id=strawberry.ID(rows[0]["id"]), name=rows[0]["name"])
