"""What each role may do: the permission matrix, its checks and its Cypher scope."""

from __future__ import annotations

import httpx
import pytest

from graph.database import Database
from resolvers.permissions import (
    GRANTS,
    MATCHES_NOTHING,
    Permission,
    Principal,
    Role,
    check,
    scope_of,
)
from sir.errors import Forbidden, InvalidInput
from tests.conftest import ClientFor, post_graphql
from tests.test_partner import build_partner_graph

ADMIN = Principal(Role.ADMIN, "admin")
AGENT = Principal(Role.AGENT, "agent", organization_id="o-1")
ANALYST = Principal(Role.ANALYST, "analyst", organization_id="o-1")
PARTNER = Principal(Role.PARTNER, "partner", partner_id="p-1")
EVERYONE = [ADMIN, AGENT, ANALYST, PARTNER]

# The matrix of docs/security.md, written out once more on purpose.
MATRIX = {
    Permission.READ_GRAPH_STATS: {Role.ADMIN},
    Permission.READ_RELATIONSHIPS: {Role.ADMIN, Role.ANALYST, Role.AGENT},
    Permission.WRITE_RELATIONSHIPS: {Role.ADMIN, Role.AGENT},
    Permission.READ_DASHBOARDS: {Role.ADMIN, Role.ANALYST},
    Permission.MANAGE_CATALOGUE: {Role.ADMIN},
    Permission.READ_PARTNER_PORTAL: {Role.ADMIN, Role.PARTNER},
}


@pytest.mark.parametrize("permission", list(Permission))
@pytest.mark.parametrize("principal", EVERYONE, ids=lambda p: p.role.value)
def test_each_role_holds_exactly_the_permissions_of_the_matrix(
    principal: Principal, permission: Permission
) -> None:
    allowed = principal.role in MATRIX[permission]

    if allowed:
        assert check(principal, permission) is principal
    else:
        with pytest.raises(Forbidden):
            check(principal, permission)
    assert (permission in GRANTS[principal.role]) is allowed


@pytest.mark.parametrize("principal", [AGENT, ANALYST], ids=["agent", "analyst"])
def test_an_organization_role_may_not_reach_another_organization(
    principal: Principal,
) -> None:
    with pytest.raises(Forbidden) as raised:
        check(principal, Permission.READ_RELATIONSHIPS, organization_id="o-2")

    assert str(raised.value) == (
        f'Role {principal.role} of organization "o-1" may not reach organization "o-2".'
    )


def test_an_organization_role_reaches_its_own_organization() -> None:
    principal = check(AGENT, Permission.WRITE_RELATIONSHIPS, organization_id="o-1")

    assert principal is AGENT


def test_an_admin_reaches_every_organization() -> None:
    principal = check(ADMIN, Permission.WRITE_RELATIONSHIPS, organization_id="o-9")

    assert principal is ADMIN


def test_no_principal_is_forbidden_everything() -> None:
    with pytest.raises(Forbidden, match="no credentials"):
        check(None, Permission.READ_RELATIONSHIPS)


@pytest.mark.parametrize(
    ("principal", "scope"),
    [
        (ADMIN, {"scopeOrganizationId": None, "scopePartnerId": None}),
        (AGENT, {"scopeOrganizationId": "o-1", "scopePartnerId": MATCHES_NOTHING}),
        (ANALYST, {"scopeOrganizationId": "o-1", "scopePartnerId": MATCHES_NOTHING}),
        (PARTNER, {"scopeOrganizationId": MATCHES_NOTHING, "scopePartnerId": "p-1"}),
    ],
    ids=lambda value: getattr(getattr(value, "role", None), "value", ""),
)
def test_scope_parameters_are_null_only_for_an_admin(
    principal: Principal, scope: dict[str, str | None]
) -> None:
    assert scope_of(principal) == scope


@pytest.mark.parametrize(
    ("role", "org", "partner"),
    [
        (Role.AGENT, None, None),
        (Role.ANALYST, None, "p-1"),
        (Role.PARTNER, None, None),
        (Role.PARTNER, "o-1", "p-1"),
        (Role.ADMIN, "o-1", None),
    ],
)
def test_a_half_scoped_principal_cannot_exist(
    role: Role, org: str | None, partner: str | None
) -> None:
    with pytest.raises(InvalidInput):
        Principal(role, "someone", org, partner)


async def test_the_scope_filters_in_the_database_itself(
    client: httpx.AsyncClient, database: Database
) -> None:
    await build_partner_graph(client)

    async def seen_by(principal: Principal) -> int:
        rows = await database.read(
            "testing/count_scoped_relationships", **scope_of(principal)
        )
        return int(rows[0]["relationships"])

    everything = await seen_by(ADMIN)
    first = await seen_by(AGENT)
    second = await seen_by(Principal(Role.ANALYST, "a", organization_id="o-2"))
    nothing = await seen_by(PARTNER)

    assert first > 0
    assert second > 0
    assert first + second == everything
    assert nothing == 0


@pytest.mark.parametrize(
    ("role", "org", "partner"),
    [("ANALYST", "o-1", None), ("AGENT", "o-1", None), ("PARTNER", None, "p-1")],
)
async def test_graph_stats_are_for_admins_only(
    client_for: ClientFor,
    database: Database,
    role: str,
    org: str | None,
    partner: str | None,
) -> None:
    caller = client_for(role, org=org, partner=partner)

    body = await post_graphql(caller, "{ graphStats { customers } }")

    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert body["errors"][0]["message"] == f"Role {role} may not read graph stats."
