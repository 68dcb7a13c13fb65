"""Single lookups: a customer, a relationship with its state, an organization."""

from __future__ import annotations

from typing import Any

import pytest

from sir.config import ModelConfig
from tests.conftest import GraphQLCall
from tests.test_profile_helpers import record, record_scene, touchpoints

CUSTOMER = """
query ($id: ID!) {
  customer(id: $id) {
    id name email createdAt
    relationships {
      id organization { id name }
      state { tier gate type atRisk goodwill needs { need value confidence } }
    }
  }
}
"""
RELATIONSHIP = """
query ($id: ID!) {
  relationship(id: $id) {
    id since
    customer { name }
    organization { name }
    state {
      at modelVersion goodwill relationshipQuality tier gate type atRisk
      needs { need value confidence }
      trend { since goodwill serve connect role }
    }
    explanation { rule text }
    history { at goodwill tier gate type atRisk modelVersion }
  }
}
"""
TOUCHPOINTS = """
query ($id: ID!, $first: Int!, $after: String) {
  relationship(id: $id) {
    touchpoints(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id at channel initiatedBy needs { need fulfilment } } }
    }
  }
}
"""
ROLES_AND_SIGNALS = """
query ($id: ID!) {
  relationship(id: $id) {
    roles { totalCount edges { node { status role { key rung } } } }
    signals(first: 2) { totalCount pageInfo { hasNextPage } edges { node { kind } } }
  }
}
"""
DASHBOARD = """
query ($id: ID!) {
  organization(id: $id) {
    name
    dashboard {
      relationships profiled atRiskCount averageGoodwill
      averageNeeds { need value confidence }
      byTier { tier count }
      byGate { gate count }
      byType { type count }
      atRisk { id customer { name } state { goodwill } }
    }
  }
}
"""


def by_key(entries: list[dict[str, Any]], key: str) -> dict[str, int]:
    """Dashboard counts as {value: count}."""
    return {entry[key]: entry["count"] for entry in entries}


async def test_a_customer_lists_its_relationships_with_their_states(
    gql: GraphQLCall,
) -> None:
    await record_scene(gql)

    body = await gql(CUSTOMER, id="cat")

    found = body["data"]["customer"]
    assert (found["name"], found["email"]) == ("Cat Cole", "cat@example.com")
    [relationship] = found["relationships"]
    assert relationship["id"] == "cat/o1"
    assert relationship["organization"] == {"id": "o1", "name": "Harbour Bikes"}
    state = relationship["state"]
    assert (state["tier"], state["gate"], state["type"]) == (
        "HIGH",
        "RESOURCE",
        "CO_OWNING",
    )
    assert [need["need"] for need in state["needs"]] == ["SERVE", "CONNECT", "ROLE"]


@pytest.mark.parametrize(
    ("field", "argument"),
    [("customer", "nobody"), ("relationship", "nobody/o1"), ("organization", "o9")],
)
async def test_an_unknown_id_answers_null_without_an_error(
    gql: GraphQLCall, field: str, argument: str
) -> None:
    body = await gql(f'{{ {field}(id: "{argument}") {{ id }} }}')

    assert body == {"data": {field: None}}


async def test_a_relationship_shows_its_state_explanation_and_history(
    gql: GraphQLCall,
) -> None:
    await record_scene(gql)

    body = await gql(RELATIONSHIP, id="bob/o1")

    found = body["data"]["relationship"]
    assert found["customer"] == {"name": "Bob Baker"}
    assert found["organization"] == {"name": "Harbour Bikes"}
    state = found["state"]
    assert (state["gate"], state["type"], state["atRisk"]) == (
        "CLIENT",
        "TRANSACTIONAL",
        True,
    )
    assert state["modelVersion"] == ModelConfig().version
    assert state["trend"]["goodwill"] < 0
    rules = [line["rule"] for line in found["explanation"]]
    assert rules[0] == "inputs"
    assert {"at_risk.serve_below_gate", "at_risk.recent_signal"} <= set(rules)
    [kept] = found["history"]
    assert (kept["at"], kept["goodwill"]) == (state["at"], state["goodwill"])


async def test_history_is_newest_first_and_bounded_by_first(
    gql: GraphQLCall,
) -> None:
    await record_scene(gql)
    await record(gql, touchpoints("ann", "o1", 5, serve=-1.0, start=10))
    await record(gql, touchpoints("ann", "o1", 5, serve=-1.0, start=20))

    body = await gql('{ relationship(id: "ann/o1") { history(first: 2) { at } } }')

    times = [kept["at"] for kept in body["data"]["relationship"]["history"]]
    assert len(times) == 2
    assert times == sorted(times, reverse=True)


async def test_touchpoints_page_through_with_opaque_cursors(
    gql: GraphQLCall,
) -> None:
    await record_scene(gql)
    pages: list[dict[str, Any]] = []
    after = None

    for _ in range(3):
        body = await gql(TOUCHPOINTS, id="ann/o1", first=4, after=after)
        page = body["data"]["relationship"]["touchpoints"]
        pages.append(page)
        after = page["pageInfo"]["endCursor"]

    assert [len(page["edges"]) for page in pages] == [4, 4, 2]
    assert [page["pageInfo"]["hasNextPage"] for page in pages] == [True, True, False]
    assert {page["totalCount"] for page in pages} == {10}
    ids = [edge["node"]["id"] for page in pages for edge in page["edges"]]
    assert ids == [f"ann:o1:t{n}" for n in range(10)]  # newest first
    assert pages[0]["edges"][0]["node"]["needs"] == [
        {"need": "SERVE", "fulfilment": 0.9},
        {"need": "CONNECT", "fulfilment": 0.8},
    ]


async def test_roles_and_signals_are_connections_of_the_relationship(
    gql: GraphQLCall,
) -> None:
    await record_scene(gql)

    body = await gql(ROLES_AND_SIGNALS, id="cat/o1")

    found = body["data"]["relationship"]
    roles = [edge["node"] for edge in found["roles"]["edges"]]
    assert roles == [
        {"status": "ACTIVE", "role": {"key": "ambassador", "rung": 4}},
        {"status": "EXPLORING", "role": {"key": "reviewer", "rung": 1}},
    ]
    assert found["signals"]["totalCount"] == 5
    assert len(found["signals"]["edges"]) == 2
    assert found["signals"]["pageInfo"]["hasNextPage"] is True


async def test_the_dashboard_counts_tiers_gates_types_and_lists_who_is_at_risk(
    gql: GraphQLCall,
) -> None:
    await record_scene(gql)

    body = await gql(DASHBOARD, id="o1")

    found = body["data"]["organization"]["dashboard"]
    assert (found["relationships"], found["profiled"], found["atRiskCount"]) == (
        3,
        3,
        1,
    )
    assert by_key(found["byTier"], "tier") == {"LOW": 2, "MEDIUM": 0, "HIGH": 1}
    assert by_key(found["byGate"], "gate") == {
        "CLIENT": 1,
        "CONNECTION": 1,
        "RESOURCE": 1,
    }
    assert by_key(found["byType"], "type") == {
        "TRANSACTIONAL": 1,
        "RELATIONAL": 1,
        "COLLABORATIVE": 0,
        "CO_OWNING": 1,
    }
    assert [r["customer"]["name"] for r in found["atRisk"]] == ["Bob Baker"]
    assert [need["need"] for need in found["averageNeeds"]] == [
        "SERVE",
        "CONNECT",
        "ROLE",
    ]
    assert 0 < found["averageGoodwill"] < 100


async def test_an_organization_without_relationships_has_an_empty_dashboard(
    gql: GraphQLCall,
) -> None:
    await record(gql, {"organization": {"id": "o3", "name": "Quiet"}})

    body = await gql(DASHBOARD, id="o3")

    found = body["data"]["organization"]["dashboard"]
    assert (found["relationships"], found["profiled"]) == (0, 0)
    assert found["averageGoodwill"] is None
    assert found["averageNeeds"] == []
    assert set(by_key(found["byTier"], "tier").values()) == {0}


@pytest.mark.parametrize(
    "document",
    [
        "{ customers(first: 101) { totalCount } }",
        '{ relationship(id: "ann/o1") { touchpoints(first: 101) { totalCount } } }',
        '{ relationship(id: "ann/o1") { history(first: 101) { at } } }',
        '{ organization(id: "o1") { dashboard { atRisk(first: 101) { id } } } }',
    ],
)
async def test_a_page_larger_than_the_limit_is_refused_naming_the_argument(
    gql: GraphQLCall, document: str
) -> None:
    await record_scene(gql)

    body = await gql(document)

    [error] = body["errors"]
    assert error["extensions"] == {
        "code": "BAD_USER_INPUT",
        "field": "first",
        "value": 101,
    }
    assert error["message"] == 'The argument "first" must be from 0 to 100, not 101.'


async def test_a_cursor_that_is_not_ours_is_refused(gql: GraphQLCall) -> None:
    body = await gql('{ customers(after: "bm9wZQ==") { totalCount } }')

    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == "after"
    assert "bm9wZQ==" in error["message"]
