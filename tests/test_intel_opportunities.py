"""Co-ownership opportunities over the real HTTP app, on small role ladders."""

from __future__ import annotations

from typing import Any

import pytest

from graph.database import Database
from graph.opportunities import co_ownership_opportunities
from sir.intel_config import IntelConfig
from tests.conftest import GraphQLCall
from tests.test_intel import (
    ORG,
    Event,
    ago,
    catalogue,
    contacts,
    person,
    record,
    resourceful,
)

OPPORTUNITIES = """
query ($org: ID!, $role: ID, $partner: ID, $first: Int!, $after: String) {
  coOwnershipOpportunities(
    organizationId: $org, roleId: $role, partnerId: $partner,
    first: $first, after: $after
  ) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      customer { id name } role { id rung } partner { id name }
      readiness goodwill likeness score reasons
    } }
  }
}
"""


def role(id: str, rung: int, capacity: int | None = None, **extra: object) -> Event:
    """A role on the organization's ladder."""
    return {
        "role": {
            "id": id,
            "organization": ORG,
            "key": id,
            "name": id.title(),
            "rung": rung,
            "capacity": capacity,
            **extra,
        }
    }


def plays(
    customer: str, role_id: str, status: str = "ACTIVE", days: float = 5.0
) -> Event:
    """The customer's status in a role, since `days` ago."""
    return {
        "roleStatus": {
            "customer": customer,
            "role": role_id,
            "status": status,
            "since": ago(days),
        }
    }


def aspires(customer: str, role_id: str, readiness: float = 0.8) -> Event:
    """The customer's aspiration to a role, equally clear, keen and able."""
    return {
        "aspiration": {
            "customer": customer,
            "role": role_id,
            "at": ago(5),
            "clarity": readiness,
            "motivation": readiness,
            "ability": readiness,
        }
    }


async def opportunities(gql: GraphQLCall, first: int = 20, **args: Any) -> Any:
    """The opportunities of the test organization: the connection."""
    body = await gql(OPPORTUNITIES, org=ORG, first=first, **args)
    assert "errors" not in body, body
    return body["data"]["coOwnershipOpportunities"]


def offers(found: Any) -> set[tuple[str, str]]:
    """(customer, role) of each opportunity of a page."""
    return {
        (e["node"]["customer"]["id"], e["node"]["role"]["id"]) for e in found["edges"]
    }


LADDER = [
    role("reviewer", 1),
    role("helper", 2, 10, partner="p-1"),
    role("ambassador", 3, 10),
]


@pytest.fixture
async def ladder(gql: GraphQLCall) -> None:
    """A three-rung ladder, a partner, and customers at every step of it."""
    await record(
        gql,
        [
            *catalogue(),
            {"partner": {"id": "p-1", "name": "Repair Cafe", "organization": ORG}},
            *LADDER,
            *resourceful("c-top"),
            plays("c-top", "ambassador"),
            aspires("c-top", "helper"),
            plays("c-top", "reviewer", "EXPLORING"),
            *resourceful("c-mid"),
            plays("c-mid", "reviewer"),
            aspires("c-mid", "ambassador"),
            *resourceful("c-new"),
            plays("c-new", "helper", "EXPLORING"),
            person("c-low"),
            *contacts("c-low", 2, serve=-0.5),
            aspires("c-low", "reviewer"),
        ],
    )


async def test_the_ladder_offers_the_next_rung_and_never_a_lower_one(
    gql: GraphQLCall, ladder: None
) -> None:
    found = await opportunities(gql)

    # c-top holds the top rung; c-mid aims two rungs up and gets the next;
    # c-new explores rung 2 and starts at rung 1; c-low is below the gate.
    assert offers(found) == {("c-mid", "helper"), ("c-new", "reviewer")}
    assert found["totalCount"] == 2


async def test_an_opportunity_names_the_partner_and_says_why(
    gql: GraphQLCall, ladder: None
) -> None:
    found = await opportunities(gql, role="helper")

    node = found["edges"][0]["node"]
    assert node["partner"] == {"id": "p-1", "name": "Repair Cafe"}
    assert node["readiness"] == pytest.approx(0.8)
    assert node["reasons"][:3] == [
        "passed the RESOURCE gate",
        'aspires to "ambassador" (rung 3): clarity 0.80, motivation 0.80, '
        "ability 0.80, readiness 0.80",
        'holds "reviewer" (rung 1) ACTIVE; "helper" (rung 2) is the next rung',
    ]


async def test_pages_follow_on_through_the_cursor(
    gql: GraphQLCall, ladder: None
) -> None:
    first = await opportunities(gql, first=1)

    second = await opportunities(gql, first=1, after=first["pageInfo"]["endCursor"])

    assert first["pageInfo"]["hasNextPage"] is True
    assert second["pageInfo"]["hasNextPage"] is False
    assert offers(first) | offers(second) == {
        ("c-mid", "helper"),
        ("c-new", "reviewer"),
    }


@pytest.mark.parametrize(("capacity", "offered"), [(1, False), (2, True)])
async def test_a_role_is_offered_only_while_it_has_room(
    gql: GraphQLCall, capacity: int, offered: bool
) -> None:
    await record(
        gql,
        [
            *catalogue(),
            role("helper", 1, capacity),
            *resourceful("c-holder"),
            plays("c-holder", "helper"),
            *resourceful("c-keen"),
            aspires("c-keen", "helper"),
        ],
    )

    found = await opportunities(gql)

    assert offers(found) == ({("c-keen", "helper")} if offered else set())


async def test_customers_like_the_current_holders_rank_first(
    gql: GraphQLCall,
) -> None:
    await record(
        gql,
        [
            *catalogue(),
            role("helper", 1),
            *resourceful("c-holder", channel="PHONE"),
            plays("c-holder", "helper"),
            *resourceful("c-alike", channel="PHONE"),
            aspires("c-alike", "helper"),
            *resourceful("c-unlike", channel="WEB"),
            aspires("c-unlike", "helper"),
        ],
    )

    found = await opportunities(gql)

    nodes = [edge["node"] for edge in found["edges"]]
    assert [n["customer"]["id"] for n in nodes] == ["c-alike", "c-unlike"]
    assert nodes[0]["likeness"] > nodes[1]["likeness"]
    assert nodes[0]["goodwill"] == pytest.approx(nodes[1]["goodwill"])


async def test_likeness_follows_the_newest_holders_and_room_counts_them_all(
    gql: GraphQLCall, database: Database
) -> None:
    await record(
        gql,
        [
            *catalogue(),
            role("helper", 1, 3),
            *resourceful("c-early", channel="PHONE"),
            plays("c-early", "helper", days=20),
            *resourceful("c-recent", channel="WEB"),
            plays("c-recent", "helper", days=2),
            *resourceful("c-web", channel="WEB"),
            aspires("c-web", "helper"),
            *resourceful("c-phone", channel="PHONE"),
            aspires("c-phone", "helper"),
        ],
    )

    found = await co_ownership_opportunities(
        database, ORG, config=IntelConfig(holder_sample=1)
    )

    ranked = [f.opportunity for f in found]
    assert [o.customer_id for o in ranked] == ["c-web", "c-phone"]
    assert ranked[0].likeness > ranked[1].likeness
    assert '"helper" has room: 2 of 3 places taken' in ranked[0].reasons
    assert ranked[0].reasons[-1] == (
        f"likeness {ranked[0].likeness:.2f} to the newest 1 of the 2 current "
        'holders of "helper"'
    )


async def test_an_unknown_organization_or_role_is_not_found(
    gql: GraphQLCall, ladder: None
) -> None:
    unknown_org = await gql(OPPORTUNITIES, org="nowhere", first=5)
    unknown_role = await gql(OPPORTUNITIES, org=ORG, role="pilot", first=5)

    assert unknown_org["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert unknown_role["errors"][0]["message"] == (
        'Role "pilot" is not offered by organization "o-1".'
    )


async def test_likeness_is_the_same_from_stored_features_and_from_touchpoints(
    gql: GraphQLCall, database: Database
) -> None:
    via_partner = {
        "touchpoint": {
            "id": "c-holder-via",
            "customer": "c-holder",
            "organization": ORG,
            "channel": "EVENT",
            "kind": "VISIT",
            "initiatedBy": "CUSTOMER",
            "at": ago(2),
            "partner": "p-1",
            "needs": [{"need": "ROLE", "fulfilment": 0.6}],
        }
    }
    await record(
        gql,
        [
            *catalogue(),
            {"partner": {"id": "p-1", "name": "Repair Cafe", "organization": ORG}},
            role("helper", 1),
            *resourceful("c-holder", channel="PHONE"),
            via_partner,
            plays("c-holder", "helper"),
            *resourceful("c-alike", channel="PHONE"),
            aspires("c-alike", "helper"),
            *resourceful("c-unlike", channel="WEB"),
            aspires("c-unlike", "helper"),
        ],
    )
    stored = await database.read(
        "read/get_relationships", ids=[f"c-holder/{ORG}"], scopeOrganizationId=None
    )

    from_stored = await opportunities(gql)
    forgotten = await database.write("testing/forget_touchpoint_features")
    from_touchpoints = await opportunities(gql)

    assert stored[0]["relationship"]["touchpointFeatures"] == [
        "channel:EVENT",
        "channel:PHONE",
        "need:CONNECT",
        "need:ROLE",
        "need:SERVE",
        "partner:p-1",
    ]
    assert forgotten[0]["relationships"] == 3
    assert from_stored == from_touchpoints
    likeness = [e["node"]["likeness"] for e in from_stored["edges"]]
    assert likeness[0] > likeness[1] > 0
