"""Mutations that create or update organizations, customers, partners, roles."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from graph.database import Database
from tests.conftest import GraphQLCall
from tests.writes_support import (
    UPSERT_CUSTOMER,
    UPSERT_ORGANIZATION,
    counts,
    edges,
    error_of,
    node,
)

UPSERT_PARTNER = """
mutation ($input: PartnerInput!) { upsertPartner(input: $input) { written ids } }
"""
UPSERT_ROLE = """
mutation ($input: RoleInput!) { upsertRole(input: $input) { written ids } }
"""
UPSERT_ACTION = """
mutation ($input: ActionInput!) { upsertAction(input: $input) { written ids } }
"""
ORGANIZATION = {"id": "org-1", "name": "Harbour Bikes"}
PARTNER = {"id": "partner-1", "name": "Repair Cafe", "organization": "org-1"}
ROLE = {
    "id": "role-1",
    "organization": "org-1",
    "key": "beta-tester",
    "name": "Beta tester",
    "rung": 3,
    "capacity": 100,
    "partner": "partner-1",
}
ACTION = {
    "id": "action-1",
    "organization": "org-1",
    "key": "fix",
    "kind": "SERVICE_FIX",
}


@pytest.fixture
async def organization(gql: GraphQLCall) -> dict[str, Any]:
    body = await gql(UPSERT_ORGANIZATION, input=ORGANIZATION)
    assert "errors" not in body, body
    return ORGANIZATION


@pytest.fixture
async def partner(gql: GraphQLCall, organization: dict[str, Any]) -> dict[str, Any]:
    body = await gql(UPSERT_PARTNER, input=PARTNER)
    assert "errors" not in body, body
    return PARTNER


async def test_upsert_organization_creates_one_node(
    gql: GraphQLCall, database: Database
) -> None:
    body = await gql(UPSERT_ORGANIZATION, input=ORGANIZATION)

    assert body["data"]["upsertOrganization"] == {
        "written": 1,
        "ids": ["org-1"],
        "relationships": [],
    }
    assert (await node(database, "org-1"))["properties"] == ORGANIZATION


async def test_upsert_organization_again_updates_the_same_node(
    gql: GraphQLCall, database: Database
) -> None:
    await gql(UPSERT_ORGANIZATION, input=ORGANIZATION)

    await gql(UPSERT_ORGANIZATION, input={"id": "org-1", "name": "Harbour Cycles"})

    assert (await counts(database))["Organization"] == 1
    assert (await node(database, "org-1"))["properties"]["name"] == "Harbour Cycles"


async def test_upsert_customer_keeps_created_at_of_the_first_write(
    gql: GraphQLCall, database: Database
) -> None:
    customer = {"id": "c-1", "name": "Ada", "email": "ada@example.com"}
    await gql(UPSERT_CUSTOMER, input=customer)
    first = (await node(database, "c-1"))["properties"]

    await gql(UPSERT_CUSTOMER, input={**customer, "name": "Ada L."})

    second = (await node(database, "c-1"))["properties"]
    assert second["createdAt"] == first["createdAt"]
    assert second["name"] == "Ada L."
    assert (await counts(database))["Customer"] == 1


async def test_upsert_customer_stores_created_at_in_utc(
    gql: GraphQLCall, database: Database
) -> None:
    customer = {"id": "c-1", "name": "Ada", "createdAt": "2024-03-01T09:30:00+01:00"}

    await gql(UPSERT_CUSTOMER, input=customer)

    stored = (await node(database, "c-1"))["properties"]["createdAt"]
    assert stored.replace(tzinfo=UTC) == datetime(2024, 3, 1, 8, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("customer", "field", "value"),
    [
        ({"id": "c-1", "name": "Ada", "email": "not-an-address"}, "email", None),
        ({"id": "c-1", "name": "  "}, "name", "  "),
        ({"id": "", "name": "Ada"}, "id", ""),
        (
            {"id": "c-1", "name": "Ada", "createdAt": "2024-03-01T09:30:00"},
            "createdAt",
            "2024-03-01T09:30:00",
        ),
    ],
)
async def test_upsert_customer_refuses_bad_values(
    gql: GraphQLCall,
    database: Database,
    customer: dict[str, Any],
    field: str,
    value: str | None,
) -> None:
    body = await gql(UPSERT_CUSTOMER, input=customer)

    error = error_of(body)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == field
    assert error["extensions"]["item"] == 0
    if value is not None:
        assert error["extensions"]["value"] == value
    assert "Customer" not in await counts(database)


async def test_upsert_partner_links_it_to_its_organization(
    gql: GraphQLCall, database: Database, organization: dict[str, Any]
) -> None:
    body = await gql(UPSERT_PARTNER, input=PARTNER)

    assert body["data"]["upsertPartner"]["ids"] == ["partner-1"]
    found = await node(database, "partner-1")
    assert [e["target"] for e in edges(found, "PARTNERS_WITH")] == ["org-1"]


async def test_upsert_partner_of_an_unknown_organization_is_not_found(
    gql: GraphQLCall, database: Database
) -> None:
    body = await gql(UPSERT_PARTNER, input=PARTNER)

    error = error_of(body)
    assert error["message"] == 'Organization "org-1" does not exist.'
    assert error["extensions"] == {
        "code": "NOT_FOUND",
        "field": "organization",
        "item": 0,
        "value": "org-1",
    }
    assert "Partner" not in await counts(database)


async def test_upsert_role_is_offered_and_hosted(
    gql: GraphQLCall, database: Database, partner: dict[str, Any]
) -> None:
    body = await gql(UPSERT_ROLE, input=ROLE)

    assert body["data"]["upsertRole"]["ids"] == ["role-1"]
    assert (await node(database, "role-1"))["properties"] == {
        key: value
        for key, value in ROLE.items()
        if key not in ("organization", "partner")
    }
    assert [e["target"] for e in edges(await node(database, "org-1"), "OFFERS")] == [
        "role-1"
    ]
    assert edges(await node(database, "partner-1"), "HOSTS")[0]["target"] == "role-1"


async def test_upsert_role_without_partner_drops_the_host(
    gql: GraphQLCall, database: Database, partner: dict[str, Any]
) -> None:
    await gql(UPSERT_ROLE, input=ROLE)

    await gql(UPSERT_ROLE, input={**ROLE, "partner": None})

    assert edges(await node(database, "partner-1"), "HOSTS") == []
    assert (await counts(database))["Role"] == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [({"rung": 0}, "rung"), ({"rung": 11}, "rung"), ({"capacity": -1}, "capacity")],
)
async def test_upsert_role_refuses_values_out_of_range(
    gql: GraphQLCall,
    database: Database,
    partner: dict[str, Any],
    change: dict[str, int],
    field: str,
) -> None:
    body = await gql(UPSERT_ROLE, input={**ROLE, **change})

    error = error_of(body)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == field
    assert error["extensions"]["value"] == next(iter(change.values()))


async def test_upsert_action_takes_need_gate_and_cost_from_the_model(
    gql: GraphQLCall, database: Database, organization: dict[str, Any]
) -> None:
    await gql(UPSERT_ACTION, input={**ACTION, "kind": "REFERRAL_REQUEST"})

    stored = (await node(database, "action-1"))["properties"]
    assert stored["need"] == "ROLE"
    assert stored["gate"] == "RESOURCE"
    assert stored["goodwillCost"] > 0
    assert stored["cooldownDays"] > 0


async def test_upsert_action_stores_the_values_given(
    gql: GraphQLCall, database: Database, organization: dict[str, Any]
) -> None:
    action = {
        **ACTION,
        "kind": "SURVEY_REQUEST",
        "need": "CONNECT",
        "gate": "CONNECTION",
        "goodwillCost": 4.5,
        "cooldownDays": 21,
        "channel": "EVENT",
    }

    await gql(UPSERT_ACTION, input=action)

    stored = (await node(database, "action-1"))["properties"]
    keys = ("need", "gate", "goodwillCost", "cooldownDays", "channel")
    assert {k: stored[k] for k in keys} == {
        "need": "CONNECT",
        "gate": "CONNECTION",
        "goodwillCost": 4.5,
        "cooldownDays": 21,
        "channel": "EVENT",
    }


async def test_upsert_action_refuses_a_cost_above_100(
    gql: GraphQLCall, organization: dict[str, Any]
) -> None:
    body = await gql(UPSERT_ACTION, input={**ACTION, "goodwillCost": 101})

    error = error_of(body)
    assert error["extensions"]["field"] == "goodwillCost"
    assert error["extensions"]["value"] == 101


async def test_upsert_action_refuses_a_cost_for_what_is_not_an_ask(
    gql: GraphQLCall, database: Database, organization: dict[str, Any]
) -> None:
    body = await gql(UPSERT_ACTION, input={**ACTION, "goodwillCost": 5})

    error = error_of(body)
    assert error["message"] == (
        'Field "goodwillCost" of action "action-1" must be 0 for SERVICE_FIX, '
        "which is not an ask (CASE_STUDY_REQUEST, FEEDBACK_REQUEST, "
        "REFERRAL_REQUEST, SURVEY_REQUEST), not 5."
    )
    assert error["extensions"]["field"] == "goodwillCost"
    assert error["extensions"]["value"] == 5
    assert "Action" not in await counts(database)


async def test_an_unknown_enum_value_is_refused_by_graphql(
    gql: GraphQLCall, database: Database, organization: dict[str, Any]
) -> None:
    body = await gql(UPSERT_ACTION, input={**ACTION, "kind": "FREE_LUNCH"})

    assert "FREE_LUNCH" in body["errors"][0]["message"]
    assert "Action" not in await counts(database)


@pytest.mark.parametrize(
    ("document", "value"),
    [
        (UPSERT_ORGANIZATION, ORGANIZATION),
        (UPSERT_PARTNER, PARTNER),
        (UPSERT_ROLE, ROLE),
        (UPSERT_ACTION, ACTION),
    ],
    ids=["organization", "partner", "role", "action"],
)
async def test_sending_an_upsert_twice_leaves_the_graph_as_once(
    gql: GraphQLCall,
    database: Database,
    partner: dict[str, Any],
    document: str,
    value: dict[str, Any],
) -> None:
    await gql(document, input=value)
    once = await counts(database)

    body = await gql(document, input=value)

    assert "errors" not in body, body
    assert await counts(database) == once
