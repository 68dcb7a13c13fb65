"""Organization summaries: large organizations' dashboard, customers page and
opportunities read from a stored summary, with the same answers as live.

Each test seeds a small graph and lowers the size from which organizations
are served from their summary (`Database.summary_from`) to 0, so that what
a large organization gets is checked on a graph that is quick to write.
Pages of 7 entries make the lists span several pages.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from api.commands_profile import summarize
from graph.database import Database
from graph.seed import seed_graph
from graph.summaries import refresh_summary
from graph.summarizer import Summarizer
from sir.errors import InvalidInput
from tests.conftest import GraphQLCall

ORGANIZATIONS = ("org-1", "org-2")
CHUNK = 7

DASHBOARD = """
query ($org: ID!) {
  organization(id: $org) {
    dashboard {
      asOf relationships profiled atRiskCount averageGoodwill
      averageNeeds { need value confidence }
      byTier { tier count } byGate { gate count } byType { type count }
      atRisk(first: 5) { id state { goodwill atRisk } }
    }
  }
}
"""
CUSTOMERS = """
query ($org: ID!, $order: CustomerOrder!, $direction: Direction!, $after: String) {
  customers(organizationId: $org, orderBy: $order, direction: $direction,
            first: 10, after: $after) {
    asOf totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id name } }
  }
}
"""
OPPORTUNITIES = """
query ($org: ID!, $role: ID, $partner: ID, $after: String) {
  coOwnershipOpportunities(organizationId: $org, roleId: $role,
                           partnerId: $partner, first: 6, after: $after) {
    asOf totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        customer { id name } role { id rung } partner { id name }
        readiness goodwill likeness score reasons
      }
    }
  }
}
"""


@pytest.fixture
async def seeded(database: Database) -> AsyncIterator[Database]:
    """Two seeded organizations; summaries served from 0 relationships on."""
    await seed_graph(database, len(ORGANIZATIONS), 120, seed=11)
    kept = database.summary_from
    try:
        yield database
    finally:
        database.summary_from = kept


async def data(gql: GraphQLCall, document: str, **variables: Any) -> Any:
    body = await gql(document, **variables)
    assert "errors" not in body, body
    return body["data"]


async def every_page(gql: GraphQLCall, document: str, **variables: Any) -> Any:
    """Every page of a connection: its edges, totals and asOf of each page."""
    name = "customers" if "customers(" in document else "coOwnershipOpportunities"
    edges: list[Any] = []
    pages: list[tuple[int, Any]] = []
    after = None
    while True:
        page = (await data(gql, document, after=after, **variables))[name]
        edges += page["edges"]
        pages.append((page["totalCount"], page["asOf"]))
        if not page["pageInfo"]["hasNextPage"]:
            return edges, pages
        after = page["pageInfo"]["endCursor"]


def without_as_of(found: Any) -> Any:
    return {key: value for key, value in found.items() if key != "asOf"}


async def answers(gql: GraphQLCall) -> Any:
    """What the dashboard, every customers order and the opportunities say,
    and the error for a role the organization does not offer."""
    found: dict[str, Any] = {}
    for org in ORGANIZATIONS:
        every = await every_page(gql, OPPORTUNITIES, org=org)
        nodes = [edge["node"] for edge in every[0]]
        roles = sorted({node["role"]["id"] for node in nodes})
        partners = sorted({n["partner"]["id"] for n in nodes if n["partner"]})
        assert roles, "the seed must give opportunities"
        assert partners, "the seed must give opportunities of hosted roles"
        unknown = await gql(OPPORTUNITIES, org=org, role="no-such-role")
        found[f"unknown role {org}"] = unknown["errors"][0]["message"]
        found[f"dashboard {org}"] = (await data(gql, DASHBOARD, org=org))[
            "organization"
        ]["dashboard"]
        for order in ("NAME", "GOODWILL", "GOODWILL_CHANGE"):
            for direction in ("ASC", "DESC"):
                found[f"customers {org} {order} {direction}"] = await every_page(
                    gql, CUSTOMERS, org=org, order=order, direction=direction
                )
        found[f"opportunities {org}"] = await every_page(gql, OPPORTUNITIES, org=org)
        for role in roles:
            found[f"opportunities {org} role {role}"] = await every_page(
                gql, OPPORTUNITIES, org=org, role=role
            )
        for partner in partners:
            found[f"opportunities {org} partner {partner}"] = await every_page(
                gql, OPPORTUNITIES, org=org, partner=partner
            )
    return found


async def test_a_summary_answers_as_the_live_reads_do(
    seeded: Database, gql: GraphQLCall
) -> None:
    seeded.summary_from = None
    live = await answers(gql)

    before = datetime.now(UTC)
    for org in ORGANIZATIONS:
        assert await refresh_summary(seeded, org, chunk=CHUNK)
    seeded.summary_from = 0
    kept = await answers(gql)

    assert kept.keys() == live.keys()
    for key, answer in live.items():
        if key.startswith("unknown"):
            assert kept[key] == answer
            continue
        if key.startswith("dashboard"):
            assert answer["asOf"] is None
            assert datetime.fromisoformat(kept[key]["asOf"]) >= before
            assert without_as_of(kept[key]) == without_as_of(answer), key
            continue
        edges, pages = answer
        kept_edges, kept_pages = kept[key]
        assert kept_edges == edges, key
        assert [total for total, _ in kept_pages] == [t for t, _ in pages], key
        assert {as_of for _, as_of in pages} == {None}, key
        assert all(as_of is not None for _, as_of in kept_pages), key
    # The lists span several pages of the summary.
    assert len(live["customers org-1 NAME ASC"][0]) > 3 * CHUNK
    assert len(live["opportunities org-1"][0]) > CHUNK


async def test_an_organization_smaller_than_the_threshold_is_read_live(
    seeded: Database, gql: GraphQLCall
) -> None:
    await refresh_summary(seeded, "org-1", chunk=CHUNK)
    summarized = await data(gql, DASHBOARD, org="org-1")
    relationships = summarized["organization"]["dashboard"]["relationships"]
    seeded.summary_from = relationships + 1
    dashboard = (await data(gql, DASHBOARD, org="org-1"))["organization"]["dashboard"]
    assert dashboard["asOf"] is None
    seeded.summary_from = relationships
    dashboard = (await data(gql, DASHBOARD, org="org-1"))["organization"]["dashboard"]
    assert dashboard["asOf"] is not None


TOUCHPOINT = """
mutation ($id: ID!, $customer: ID!, $org: ID!, $at: DateTime!) {
  recordTouchpoint(input: {
    id: $id, customer: $customer, organization: $org, channel: EMAIL,
    kind: "SUPPORT", initiatedBy: CUSTOMER, at: $at,
    needs: [{need: SERVE, fulfilment: 0.9}]
  }) { written }
}
"""
NEW_CUSTOMER = """
mutation ($id: ID!) {
  upsertCustomer(input: {id: $id, name: "Zoë Newcomer"}) { written }
}
"""


async def test_the_summarizer_refreshes_what_changed_and_only_that(
    seeded: Database, gql: GraphQLCall
) -> None:
    seeded.summary_from = 0
    summarizer = Summarizer(seeded, interval=0, max_age=3600)
    assert sorted(await summarizer.look()) == list(ORGANIZATIONS)
    assert await summarizer.look() == []
    dashboard = (await data(gql, DASHBOARD, org="org-2"))["organization"]["dashboard"]

    # A new customer of org-2: the summary trails the write until the next look.
    await data(gql, NEW_CUSTOMER, id="cust-new")
    at = (datetime.now(UTC) - timedelta(minutes=5)).isoformat()
    await data(gql, TOUCHPOINT, id="t-new", customer="cust-new", org="org-2", at=at)
    stale = (await data(gql, DASHBOARD, org="org-2"))["organization"]["dashboard"]
    assert stale == dashboard

    assert await summarizer.look() == ["org-2"]
    fresh = (await data(gql, DASHBOARD, org="org-2"))["organization"]["dashboard"]
    assert fresh["relationships"] == dashboard["relationships"] + 1
    assert fresh["asOf"] > dashboard["asOf"]
    page = await data(
        gql, CUSTOMERS, org="org-2", order="NAME", direction="DESC", after=None
    )
    assert page["customers"]["edges"][0]["node"]["id"] == "cust-new"
    assert page["customers"]["totalCount"] == fresh["relationships"]


async def test_processes_claim_a_refresh_so_that_one_computes_it(
    seeded: Database,
) -> None:
    first = Summarizer(seeded, interval=0, max_age=3600)
    second = Summarizer(seeded, interval=0, max_age=3600)
    done = await asyncio.gather(first.look(), second.look())
    assert sorted(done[0] + done[1]) == list(ORGANIZATIONS)


async def test_sir_summarize_computes_every_summary_or_names_what_is_missing(
    seeded: Database,
) -> None:
    line = await summarize(seeded, None)
    assert line.startswith("Summarized 2 organizations (")
    rows = await seeded.read("summary/list_organizations")
    assert [row["id"] for row in rows] == list(ORGANIZATIONS)
    assert all(row["computedAt"] is not None for row in rows)
    with pytest.raises(InvalidInput, match='Organization "org-9" does not exist'):
        await summarize(seeded, "org-9")


async def test_a_claim_is_refused_while_held_or_when_the_summary_is_newer(
    seeded: Database,
) -> None:
    await refresh_summary(seeded, "org-1")
    rows = await seeded.read("summary/list_organizations")
    current = {row["id"]: row["computedAt"] for row in rows}["org-1"]
    now = datetime.now(UTC)

    async def claim(seen: datetime | None, at: datetime) -> bool:
        found = await seeded.write(
            "summary/claim_summary",
            organizationId="org-1",
            now=at,
            until=at + timedelta(minutes=5),
            computedAt=seen,
        )
        return bool(found)

    # Seen stale before another process refreshed it: nothing to do.
    assert not await claim(None, now)
    assert not await claim(current - timedelta(seconds=1), now)
    assert await claim(current, now)
    # Held by that claim until it runs out.
    assert not await claim(current, now + timedelta(minutes=1))
    assert await claim(current, now + timedelta(minutes=6))
