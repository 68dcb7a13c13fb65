"""Who may do what: the caller of a request, its role, and the permission checks.

Every request to `/graphql` is made by a `Principal`, put on the context by the
HTTP layer (`api.auth`) from a bearer token or an API key. Resolvers call
`require(info, Permission.X, organization_id=...)` before they touch the
graph, and pass `scope_of(principal)` to every Cypher statement that reads or
writes an organization's data, which filters with

    WHERE $scopeOrganizationId IS NULL OR o.id = $scopeOrganizationId

so that organization scoping holds in the database query itself, not only in
what the GraphQL types choose to show. `docs/security.md` has the matrix.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from strawberry.extensions.field_extension import FieldExtension
from strawberry.permission import BasePermission, PermissionExtension

from sir.errors import Forbidden, InvalidInput

if TYPE_CHECKING:
    from resolvers.context import Info

# Never an id: ids are non-empty strings, so `x.id = ""` matches nothing. A
# role that must not reach a kind of data gets this instead of null, because
# null in a scope parameter means "every organization" (ADMIN only).
MATCHES_NOTHING = ""


class Role(StrEnum):
    """What kind of caller a principal is; the claim `role` of a token."""

    ADMIN = "ADMIN"
    ANALYST = "ANALYST"
    AGENT = "AGENT"
    PARTNER = "PARTNER"


class Permission(StrEnum):
    """One kind of thing a caller may do; granted to roles by `GRANTS`."""

    READ_GRAPH_STATS = "READ_GRAPH_STATS"
    READ_RELATIONSHIPS = "READ_RELATIONSHIPS"
    WRITE_RELATIONSHIPS = "WRITE_RELATIONSHIPS"
    READ_DASHBOARDS = "READ_DASHBOARDS"
    MANAGE_CATALOGUE = "MANAGE_CATALOGUE"
    READ_PARTNER_PORTAL = "READ_PARTNER_PORTAL"


GRANTS: Mapping[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.ANALYST: frozenset(
        {Permission.READ_RELATIONSHIPS, Permission.READ_DASHBOARDS}
    ),
    Role.AGENT: frozenset(
        {Permission.READ_RELATIONSHIPS, Permission.WRITE_RELATIONSHIPS}
    ),
    Role.PARTNER: frozenset({Permission.READ_PARTNER_PORTAL}),
}

ORGANIZATION_ROLES = frozenset({Role.ANALYST, Role.AGENT})


@dataclass(frozen=True)
class Principal:
    """The caller of one request: its role and the organization or partner.

    ANALYST and AGENT belong to exactly one organization, PARTNER to exactly
    one partner, and ADMIN to neither; any other combination is refused here,
    so that no half-scoped caller can exist.
    """

    role: Role
    subject: str
    organization_id: str | None = None
    partner_id: str | None = None

    def __post_init__(self) -> None:
        problem = claims_problem(self.role, self.organization_id, self.partner_id)
        if problem is not None:
            raise InvalidInput(problem, field="role", value=self.role.value)


def claims_problem(
    role: Role, organization_id: str | None, partner_id: str | None
) -> str | None:
    """Why a role cannot go with this organization and partner, or None."""
    if role in ORGANIZATION_ROLES and not organization_id:
        return f"Role {role} needs an organization id."
    if role in ORGANIZATION_ROLES and partner_id:
        return f"Role {role} cannot carry a partner id."
    if role is Role.PARTNER and not partner_id:
        return "Role PARTNER needs a partner id."
    if role is Role.PARTNER and organization_id:
        return "Role PARTNER cannot carry an organization id."
    if role is Role.ADMIN and (organization_id or partner_id):
        return "Role ADMIN applies to every organization and takes no id."
    return None


def check(
    principal: Principal | None,
    permission: Permission,
    *,
    organization_id: str | None = None,
    partner_id: str | None = None,
) -> Principal:
    """Return the principal if it may do `permission` there; raise `Forbidden`.

    `organization_id` and `partner_id` name the organization or partner whose
    data the request touches, when the resolver knows it from its arguments.
    """
    if principal is None:
        raise Forbidden("This request carries no credentials.")
    if permission not in GRANTS[principal.role]:
        raise Forbidden(f"Role {principal.role} may not {describe(permission)}.")
    if principal.role is Role.ADMIN:
        return principal
    if organization_id is not None and organization_id != principal.organization_id:
        raise Forbidden(
            f'Role {principal.role} of organization "{principal.organization_id}" '
            f'may not reach organization "{organization_id}".'
        )
    if partner_id is not None and partner_id != principal.partner_id:
        raise Forbidden(
            f'Partner "{principal.partner_id}" may not reach partner "{partner_id}".'
        )
    return principal


def require(
    info: Info,
    permission: Permission,
    *,
    organization_id: str | None = None,
    partner_id: str | None = None,
) -> Principal:
    """`check` the caller of this request; the call every resolver starts with."""
    return check(
        info.context.principal,
        permission,
        organization_id=organization_id,
        partner_id=partner_id,
    )


def scope_of(principal: Principal | None) -> dict[str, str | None]:
    """The Cypher parameters that limit a statement to what the caller may see.

    `scopeOrganizationId` is null for ADMIN (every organization) and the
    caller's organization for ANALYST and AGENT; `scopePartnerId` likewise.
    A role that has no business with a kind of data gets `MATCHES_NOTHING`,
    never null, so a statement reached by mistake returns nothing.
    """
    if principal is None:
        raise Forbidden("This request carries no credentials.")
    if principal.role is Role.ADMIN:
        return {"scopeOrganizationId": None, "scopePartnerId": None}
    return {
        "scopeOrganizationId": principal.organization_id or MATCHES_NOTHING,
        "scopePartnerId": principal.partner_id or MATCHES_NOTHING,
    }


def organization_scope(info: Info) -> str | None:
    """`scopeOrganizationId` of this request's caller: None for an ADMIN."""
    return scope_of(info.context.principal)["scopeOrganizationId"]


def partner_scope(info: Info) -> str | None:
    """`scopePartnerId` of this request's caller: None for an ADMIN."""
    return scope_of(info.context.principal)["scopePartnerId"]


def describe(permission: Permission) -> str:
    """The permission in words, for error messages: `read relationships`."""
    return permission.value.lower().replace("_", " ")


class Allowed(BasePermission):
    """A field permission: the caller must hold `permission`.

    When the field has an `organization_id` or `partner_id` argument, its value
    is checked against the caller's too.
    """

    def __init__(self, permission: Permission) -> None:
        self.permission = permission

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        # Raising here, rather than returning False, keeps the precise reason
        # and turns into extensions.code FORBIDDEN like every SiR error.
        check(
            info.context.principal,
            self.permission,
            organization_id=as_id(kwargs.get("organization_id")),
            partner_id=as_id(kwargs.get("partner_id")),
        )
        return True


def allowed(permission: Permission) -> FieldExtension:
    """The field extension to put on a field: `extensions=[allowed(P)]`."""
    return PermissionExtension(permissions=[Allowed(permission)], use_directives=False)


def as_id(value: object) -> str | None:
    """An id argument as a string, or None when the argument was not given."""
    return None if value is None else str(value)
