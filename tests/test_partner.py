"""The partner portal: a partner sees its own customers, their names and roles."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from graph.database import Database
from tests.conftest import ClientFor, post_graphql

RECORD_EVENTS = """
mutation ($events: [EventInput!]!) { recordEvents(events: $events) { written } }
"""
PORTAL = """
query ($partnerId: ID, $first: Int! = 20, $after: String) {
  partnerPortal(partnerId: $partnerId) {
    id
    name
    customers(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id name roles { id key name relation status } } }
    }
  }
}
"""
AT = "2024-05-01T10:00:00Z"


def role(id: str, organization: str, rung: int, partner: str | None) -> dict[str, Any]:
    return {
        "role": {
            "id": id,
            "organization": organization,
            "key": id.removeprefix("r-"),
            "name": id.removeprefix("r-").title(),
            "rung": rung,
            "partner": partner,
        }
    }


def plays(customer: str, role: str, status: str = "ACTIVE") -> dict[str, Any]:
    return {
        "roleStatus": {
            "customer": customer,
            "role": role,
            "status": status,
            "since": AT,
        }
    }


# Two organizations; partners p-1 and p-2 of o-1, p-3 of o-2. Ada plays a
# role of p-1 and one of p-2; Ben aspires to a role of p-1; Cleo explores a
# role of p-2; Dan plays a role nobody hosts; Eve plays p-3's role.
PARTNER_GRAPH: list[dict[str, Any]] = [
    {"organization": {"id": "o-1", "name": "Harbour Bikes"}},
    {"organization": {"id": "o-2", "name": "Lakeside Books"}},
    {"partner": {"id": "p-1", "name": "Repair Cafe", "organization": "o-1"}},
    {"partner": {"id": "p-2", "name": "Ride Club", "organization": "o-1"}},
    {"partner": {"id": "p-3", "name": "Book Circle", "organization": "o-2"}},
    role("r-fixer", "o-1", 2, "p-1"),
    role("r-teacher", "o-1", 3, "p-1"),
    role("r-rider", "o-1", 1, "p-2"),
    role("r-owner", "o-1", 4, None),
    role("r-reader", "o-2", 1, "p-3"),
    *(
        {"customer": {"id": f"c-{name.lower()}", "name": name}}
        for name in ("Ada", "Ben", "Cleo", "Dan", "Eve")
    ),
    plays("c-ada", "r-fixer"),
    plays("c-ada", "r-rider"),
    {
        "aspiration": {
            "customer": "c-ben",
            "role": "r-teacher",
            "at": AT,
            "clarity": 0.8,
            "motivation": 0.9,
            "ability": 0.5,
        }
    },
    plays("c-cleo", "r-rider", "EXPLORING"),
    plays("c-dan", "r-owner"),
    plays("c-eve", "r-reader"),
    {
        "touchpoint": {
            "id": "t-1",
            "customer": "c-ada",
            "organization": "o-1",
            "channel": "EMAIL",
            "kind": "REPAIR",
            "initiatedBy": "CUSTOMER",
            "at": AT,
            "needs": [{"need": "SERVE", "fulfilment": 0.9}],
        }
    },
    {
        "signal": {
            "id": "s-1",
            "customer": "c-ada",
            "organization": "o-1",
            "kind": "REFERRAL",
            "at": AT,
        }
    },
]


async def build_partner_graph(admin: httpx.AsyncClient) -> None:
    """Write the small graph of these tests through the write mutations."""
    body = await post_graphql(admin, RECORD_EVENTS, events=PARTNER_GRAPH)
    assert "errors" not in body, body


@pytest.fixture
async def partner_graph(client: httpx.AsyncClient, database: Database) -> None:
    await build_partner_graph(client)


def customers_of(body: dict[str, Any]) -> dict[str, list[tuple[str, str, Any]]]:
    """Customer name -> (role id, relation, status) seen in a portal answer."""
    edges = body["data"]["partnerPortal"]["customers"]["edges"]
    return {
        e["node"]["name"]: [
            (r["id"], r["relation"], r["status"]) for r in e["node"]["roles"]
        ]
        for e in edges
    }


@pytest.mark.usefixtures("partner_graph")
async def test_a_partner_sees_only_customers_of_the_roles_it_hosts(
    client_for: ClientFor,
) -> None:
    partner = client_for("PARTNER", partner="p-1")

    body = await post_graphql(partner, PORTAL)

    assert body["data"]["partnerPortal"]["name"] == "Repair Cafe"
    assert customers_of(body) == {
        "Ada": [("r-fixer", "PLAYS", "ACTIVE")],
        "Ben": [("r-teacher", "ASPIRES_TO", None)],
    }


@pytest.mark.usefixtures("partner_graph")
async def test_another_partner_sees_its_own_customers_only(
    client_for: ClientFor,
) -> None:
    partner = client_for("PARTNER", partner="p-2")

    body = await post_graphql(partner, PORTAL)

    assert customers_of(body) == {
        "Ada": [("r-rider", "PLAYS", "ACTIVE")],
        "Cleo": [("r-rider", "PLAYS", "EXPLORING")],
    }


@pytest.mark.usefixtures("partner_graph")
async def test_a_partner_may_not_open_another_partners_portal(
    client_for: ClientFor,
) -> None:
    partner = client_for("PARTNER", partner="p-1")

    body = await post_graphql(partner, PORTAL, partnerId="p-2")

    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert body["errors"][0]["message"] == (
        'Partner "p-1" may not reach partner "p-2".'
    )


@pytest.mark.usefixtures("partner_graph")
async def test_an_admin_opens_any_portal_by_partner_id(
    client_for: ClientFor,
) -> None:
    admin = client_for("ADMIN")

    body = await post_graphql(admin, PORTAL, partnerId="p-3")

    assert customers_of(body) == {"Eve": [("r-reader", "PLAYS", "ACTIVE")]}


async def test_an_admin_must_name_the_partner(client_for: ClientFor) -> None:
    admin = client_for("ADMIN")

    body = await post_graphql(admin, PORTAL)

    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "partnerId" in body["errors"][0]["message"]


async def test_an_unknown_partner_is_not_found(
    client_for: ClientFor, database: Database
) -> None:
    admin = client_for("ADMIN")

    body = await post_graphql(admin, PORTAL, partnerId="p-404")

    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert body["errors"][0]["message"] == 'Partner "p-404" does not exist.'


@pytest.mark.parametrize(
    ("role", "org"), [("AGENT", "o-1"), ("ANALYST", "o-1")], ids=["agent", "analyst"]
)
async def test_organization_roles_may_not_open_a_partner_portal(
    client_for: ClientFor, database: Database, role: str, org: str
) -> None:
    caller = client_for(role, org=org)

    body = await post_graphql(caller, PORTAL, partnerId="p-1")

    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert body["errors"][0]["message"] == (f"Role {role} may not read partner portal.")


@pytest.mark.usefixtures("partner_graph")
async def test_the_portal_pages_through_customers_in_id_order(
    client_for: ClientFor,
) -> None:
    partner = client_for("PARTNER", partner="p-1")

    first = await post_graphql(partner, PORTAL, first=1)
    cursor = first["data"]["partnerPortal"]["customers"]["pageInfo"]["endCursor"]
    second = await post_graphql(partner, PORTAL, first=1, after=cursor)

    page = first["data"]["partnerPortal"]["customers"]
    assert list(customers_of(first)) == ["Ada"]
    assert page["pageInfo"]["hasNextPage"] is True
    assert page["totalCount"] == 2
    assert list(customers_of(second)) == ["Ben"]
    assert second["data"]["partnerPortal"]["customers"]["pageInfo"]["hasNextPage"] is (
        False
    )


@pytest.mark.parametrize("field", ["email", "goodwill", "touchpoints", "signals"])
async def test_the_portal_has_no_field_for_anything_but_names_and_roles(
    client_for: ClientFor, database: Database, field: str
) -> None:
    partner = client_for("PARTNER", partner="p-1")
    document = (
        "{ partnerPortal { customers { edges { node { name " + field + " } } } } }"
    )

    body = await post_graphql(partner, document)

    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert f"Cannot query field '{field}'" in body["errors"][0]["message"]


async def test_a_portal_customer_offers_only_id_name_and_roles(
    client: httpx.AsyncClient,
) -> None:
    document = """
    { customer: __type(name: "PortalCustomer") { fields { name } }
      role: __type(name: "PortalRole") { fields { name } } }
    """

    body = await post_graphql(client, document)

    customer = {f["name"] for f in body["data"]["customer"]["fields"]}
    role = {f["name"] for f in body["data"]["role"]["fields"]}
    assert customer == {"id", "name", "roles"}
    assert role == {"id", "key", "name", "relation", "status"}
