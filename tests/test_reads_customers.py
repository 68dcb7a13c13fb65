"""`customers`: filters, sort orders, pages, and a constant number of queries."""

from __future__ import annotations

from typing import Any

import pytest

from graph.database import Database
from tests.conftest import GraphQLCall
from tests.test_profile_helpers import (
    customer,
    organization,
    record,
    record_scene,
    touchpoints,
)

NAMES = """
query ($first: Int, $after: String, $organizationId: ID, $tier: Tier,
       $gate: Gate, $type: RelationshipType, $atRisk: Boolean,
       $search: String, $orderBy: CustomerOrder, $direction: Direction) {
  customers(first: $first, after: $after, organizationId: $organizationId,
            tier: $tier, gate: $gate, type: $type, atRisk: $atRisk,
            search: $search, orderBy: $orderBy, direction: $direction) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node { id relationships { state { goodwill change: trend { goodwill } } } }
    }
  }
}
"""
NESTED = """
query ($first: Int!) {
  customers(first: $first) {
    totalCount
    edges {
      node {
        name
        relationships(first: 3) {
          id
          customer { name }
          organization { name }
          state { tier gate type atRisk goodwill needs { need value confidence } }
        }
      }
    }
  }
}
"""


async def customers(gql: GraphQLCall, **arguments: Any) -> dict[str, Any]:
    """The `customers` connection for these arguments."""
    body = await gql(NAMES, **arguments)
    assert "errors" not in body, body
    found: dict[str, Any] = body["data"]["customers"]
    return found


def ids(page: dict[str, Any]) -> list[str]:
    """The customer ids of a page, in order."""
    return [edge["node"]["id"] for edge in page["edges"]]


def best(page: dict[str, Any], figure: str) -> list[float | None]:
    """Per customer, its highest goodwill or goodwill change; None if none."""
    values: list[float | None] = []
    for edge in page["edges"]:
        states = [r["state"] for r in edge["node"]["relationships"] if r["state"]]
        if figure == "goodwill":
            values.append(max((s["goodwill"] for s in states), default=None))
        else:
            values.append(max((s["change"]["goodwill"] for s in states), default=None))
    return values


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ({}, ["ann", "bob", "cat", "dan", "eve"]),
        ({"tier": "HIGH"}, ["cat"]),
        ({"gate": "CLIENT"}, ["bob", "dan"]),
        ({"type": "CO_OWNING"}, ["cat"]),
        ({"atRisk": True}, ["bob"]),
        ({"atRisk": False}, ["ann", "cat", "dan"]),
        ({"organizationId": "o2"}, ["dan"]),
        ({"organizationId": "o1", "gate": "CLIENT"}, ["bob"]),
        ({"organizationId": "o2", "atRisk": True}, []),
        ({"search": "BA"}, ["bob"]),
        ({"search": "eve@example"}, ["eve"]),
    ],
    ids=str,
)
async def test_customers_are_filtered_by_their_relationships_and_search(
    gql: GraphQLCall, arguments: dict[str, Any], expected: list[str]
) -> None:
    await record_scene(gql)

    page = await customers(gql, **arguments)

    assert ids(page) == expected
    assert page["totalCount"] == len(expected)


@pytest.mark.parametrize("direction", ["ASC", "DESC"])
@pytest.mark.parametrize("order_by", ["GOODWILL", "GOODWILL_CHANGE"])
async def test_customers_sort_by_goodwill_with_the_unprofiled_last(
    gql: GraphQLCall, order_by: str, direction: str
) -> None:
    await record_scene(gql)

    page = await customers(gql, orderBy=order_by, direction=direction)

    figure = "goodwill" if order_by == "GOODWILL" else "change"
    values = best(page, figure)
    assert ids(page)[-1] == "eve"
    assert values[-1] is None
    known = [v for v in values if v is not None]
    assert known == sorted(known, reverse=direction == "DESC")
    assert ids(page)[0] == ("cat" if direction == "DESC" else "bob")


async def test_customers_sort_by_name_in_either_direction(gql: GraphQLCall) -> None:
    await record_scene(gql)

    page = await customers(gql, orderBy="NAME", direction="DESC")

    assert ids(page) == ["eve", "dan", "cat", "bob", "ann"]


async def test_customers_page_through_with_cursors(gql: GraphQLCall) -> None:
    await record_scene(gql)
    seen: list[list[str]] = []
    more: list[bool] = []
    after = None

    for _ in range(3):
        page = await customers(gql, first=2, after=after)
        seen.append(ids(page))
        more.append(page["pageInfo"]["hasNextPage"])
        after = page["pageInfo"]["endCursor"]

    assert seen == [["ann", "bob"], ["cat", "dan"], ["eve"]]
    assert more == [True, True, False]


async def test_an_empty_page_has_no_end_cursor(gql: GraphQLCall) -> None:
    page = await customers(gql, first=0)

    assert page["edges"] == []
    assert page["pageInfo"] == {"hasNextPage": False, "endCursor": None}


async def many_customers(gql: GraphQLCall, count: int) -> None:
    """`count` customers of two organizations, each with one touchpoint."""
    events = [organization("o1"), organization("o2")]
    for n in range(count):
        id = f"c{n:03d}"
        events += [customer(id, f"Customer {n:03d}")]
        events += touchpoints(id, "o1" if n % 2 else "o2", 1, serve=0.5)
    await record(gql, events)


async def round_trips_of(gql: GraphQLCall, database: Database, first: int) -> int:
    """How many statements one nested `customers` request of `first` costs."""
    database.stats.round_trips = 0
    body = await gql(NESTED, first=first)
    assert "errors" not in body, body
    assert len(body["data"]["customers"]["edges"]) == first
    return database.stats.round_trips


async def test_nested_customers_cost_the_same_queries_for_10_and_50(
    gql: GraphQLCall, database: Database
) -> None:
    await many_customers(gql, 50)

    ten = await round_trips_of(gql, database, 10)
    fifty = await round_trips_of(gql, database, 50)

    # The page, its count, the relationships of all its customers, and the
    # organizations of all those relationships; customers come from the page.
    assert ten == fifty == 4
