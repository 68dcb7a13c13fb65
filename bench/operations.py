"""The read operations of the suite: their GraphQL documents and targets.

Each operation rotates over several targets (relationships or
organizations), picked by a fixed seed from the seeded graph, so that the
figures are not those of one cached answer.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import httpx

from bench.intel import OPPORTUNITIES, STEPS
from graph.database import Database

PROFILE = """
query Profile($id: ID!) {
  relationship(id: $id) {
    id since
    customer { id name }
    organization { id name }
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
CUSTOMERS = """
query CustomersPage($org: ID!) {
  customers(first: 50, organizationId: $org, orderBy: GOODWILL, direction: DESC) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id name
        relationships {
          id
          state {
            goodwill tier gate type atRisk
            needs { need value confidence }
          }
        }
      }
    }
  }
}
"""
DASHBOARD = """
query Dashboard($org: ID!) {
  organization(id: $org) {
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
TARGETS = 20


@dataclass(frozen=True)
class Operation:
    """A GraphQL request of the suite and the variables it rotates over."""

    key: str
    title: str
    document: str
    variables: list[dict[str, Any]]


class RequestFailed(RuntimeError):
    """Raised when the service answers a benchmark request with an error."""


async def post(client: httpx.AsyncClient, document: str, variables: Any) -> Any:
    """One GraphQL request; raise on any error, return its data."""
    response = await client.post(
        "/graphql", json={"query": document, "variables": variables}
    )
    if response.status_code != 200:
        raise RequestFailed(f"HTTP {response.status_code}: {response.text[:300]}")
    body = response.json()
    if "errors" in body:
        raise RequestFailed(f"the request failed: {body['errors'][0]}")
    return body["data"]


async def relationship_ids(database: Database, page: int = 5000) -> list[str]:
    """Every Relationship id, in id order."""
    found: list[str] = []
    after = ""
    while True:
        rows = await database.read(
            "profile/list_relationship_ids", after=after, limit=page
        )
        if not rows:
            return found
        found.extend(row["id"] for row in rows)
        after = found[-1]


@dataclass(frozen=True)
class Targets:
    """What the operations ask about, and relationships to learn uplift from."""

    profiled: list[str]
    stepped: list[str]
    learners: list[str]
    organizations: list[str]


async def pick_targets(
    database: Database, organizations: int, learners: int
) -> Targets:
    """Relationships and organizations of the seeded graph, by a fixed seed."""
    ids = await relationship_ids(database)
    chosen = random.Random(2015).sample(ids, min(len(ids), 2 * TARGETS + learners))
    return Targets(
        profiled=chosen[:TARGETS],
        stepped=chosen[TARGETS : 2 * TARGETS],
        learners=chosen[2 * TARGETS :],
        organizations=[f"org-{n}" for n in range(1, organizations + 1)],
    )


def read_operations(targets: Targets) -> list[Operation]:
    """The read operations, in the order the suite measures them."""
    orgs = [{"org": org} for org in targets.organizations]
    return [
        Operation(
            "profile",
            "one profile (state, needs, explanation, history)",
            PROFILE,
            [{"id": id} for id in targets.profiled],
        ),
        Operation(
            "customers",
            "customers page of 50 with states, by goodwill",
            CUSTOMERS,
            orgs,
        ),
        Operation(
            "next_steps",
            "next best steps of a relationship (ranked, recorded)",
            STEPS,
            [{"id": id} for id in targets.stepped],
        ),
        Operation(
            "opportunities",
            "co-ownership opportunities of an organization (20)",
            OPPORTUNITIES,
            orgs,
        ),
        Operation("dashboard", "organization dashboard", DASHBOARD, orgs),
    ]
