"""Reads of the GraphQL API: customers, relationships, organizations, pages.

Every function runs one statement of `cypher/read/` and answers for many ids
at once, so that resolvers can batch a whole level of a GraphQL request into
one round trip (`resolvers/loaders.py`). Rows come back as plain dicts whose
datetimes are in UTC.

`scope` is the organization the caller is limited to, or None for every
organization (`resolvers.permissions.scope_of`); the statements filter by it
themselves, so a caller never receives a row of another organization. It has
no default on purpose: a forgotten scope must fail, not show everything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph.database import Database, Row


@dataclass(frozen=True)
class CustomerFilter:
    """Which customers `list_customers` returns; None leaves a filter out.

    A customer matches the relationship filters when one of its
    relationships matches all of them.
    """

    search: str | None = None
    organization_id: str | None = None
    tier: str | None = None
    gate: str | None = None
    type: str | None = None
    at_risk: bool | None = None

    def params(self) -> dict[str, Any]:
        """The parameters of `list_customers` and `count_customers`."""
        relationship = {
            "organizationId": self.organization_id,
            "tier": self.tier,
            "gate": self.gate,
            "type": self.type,
            "atRisk": self.at_risk,
        }
        search = self.search.strip().lower() if self.search else None
        return relationship | {
            "search": search or None,
            "byRelationship": any(v is not None for v in relationship.values()),
        }


@dataclass(frozen=True)
class Window:
    """A slice of an ordered list: skip this many, then take at most `limit`."""

    skip: int
    limit: int


@dataclass(frozen=True)
class Slice:
    """One window of a relationship's list, and how long the whole list is."""

    total: int
    items: list[Row]


async def list_customers(
    database: Database,
    where: CustomerFilter,
    order_by: str,
    descending: bool,
    window: Window,
    *,
    scope: str | None,
) -> list[Row]:
    """One page of customers, sorted by NAME, GOODWILL or GOODWILL_CHANGE."""
    name, params = customers_statement("list", where, scope)
    rows = await database.read(
        name,
        **params,
        orderBy=order_by,
        descending=descending,
        skip=window.skip,
        limit=window.limit,
    )
    return [row["customer"] for row in rows]


async def count_customers(
    database: Database, where: CustomerFilter, *, scope: str | None
) -> int:
    """How many customers match the filter over all pages."""
    name, params = customers_statement("count", where, scope)
    rows = await database.read(name, **params)
    return int(rows[0]["count"])


def customers_statement(
    verb: str, where: CustomerFilter, scope: str | None
) -> tuple[str, dict[str, Any]]:
    """The statement that lists or counts customers, and its parameters.

    Customers limited to one organization, by the filter or by the caller's
    scope, are read from that organization's relationships; the others from
    every customer of the graph.
    """
    params = where.params() | {"scopeOrganizationId": scope}
    organization = where.organization_id or scope
    if organization is None:
        return f"read/{verb}_customers", params
    del params["byRelationship"]
    params["organizationId"] = organization
    return f"read/{verb}_organization_customers", params


async def get_customers(
    database: Database, ids: Sequence[str], *, scope: str | None
) -> dict[str, Row]:
    """Customers by id; unknown ids and customers out of scope are left out."""
    rows = await database.read(
        "read/get_customers", ids=list(ids), scopeOrganizationId=scope
    )
    return {row["customer"]["id"]: row["customer"] for row in rows}


async def get_organizations(
    database: Database, ids: Sequence[str], *, scope: str | None
) -> dict[str, Row]:
    """Organizations by id; unknown ids and those out of scope are left out."""
    rows = await database.read(
        "read/get_organizations", ids=list(ids), scopeOrganizationId=scope
    )
    return {row["organization"]["id"]: row["organization"] for row in rows}


async def get_relationships(
    database: Database, ids: Sequence[str], *, scope: str | None = None
) -> dict[str, Row]:
    """Relationships by id with all their properties; unknown ids and those out
    of scope are left out.

    The one read with a default scope (every organization): the change
    dispatcher of `graph.events` reads for all subscribers at once and routes
    each row by its organization itself.
    """
    rows = await database.read(
        "read/get_relationships", ids=list(ids), scopeOrganizationId=scope
    )
    return {row["relationship"]["id"]: row["relationship"] for row in rows}


async def relationships_of_customers(
    database: Database, ids: Sequence[str], *, scope: str | None
) -> dict[str, list[Row]]:
    """The relationships of each customer in scope, by customer id."""
    rows = await database.read(
        "read/list_customer_relationships", ids=list(ids), scopeOrganizationId=scope
    )
    found: dict[str, list[Row]] = {customer: [] for customer in ids}
    for row in rows:
        found.setdefault(row["customer"], []).append(row["relationship"])
    return found


async def list_slices(
    database: Database,
    name: str,
    ids: Sequence[str],
    window: Window,
    *,
    scope: str | None,
) -> dict[str, Slice]:
    """The same window of a list of each relationship, by relationship id.

    `name` is one of the `read/list_relationship_*` statements that return
    `id`, `total` and `items` (touchpoints, signals, roles).
    """
    rows = await database.read(
        name,
        ids=list(ids),
        skip=window.skip,
        limit=window.limit,
        scopeOrganizationId=scope,
    )
    return {row["id"]: Slice(row["total"], row["items"]) for row in rows}


async def state_history(
    database: Database, ids: Sequence[str], limit: int
) -> dict[str, list[Row]]:
    """The newest `limit` state snapshots of each relationship, newest first."""
    rows = await database.read(
        "read/list_relationship_states", ids=list(ids), limit=limit
    )
    return {row["id"]: row["states"] for row in rows}


async def summarize_organization(
    database: Database, id: str, *, scope: str | None
) -> Row | None:
    """Counts and averages of an organization's relationships, or None."""
    rows = await database.read(
        "read/summarize_organization", id=id, scopeOrganizationId=scope
    )
    return rows[0] if rows else None


async def at_risk_relationships(
    database: Database, organization_id: str, limit: int, *, scope: str | None
) -> list[Row]:
    """The organization's at-risk relationships, lowest goodwill first."""
    rows = await database.read(
        "read/list_at_risk_relationships",
        id=organization_id,
        limit=limit,
        scopeOrganizationId=scope,
    )
    return [row["relationship"] for row in rows]
