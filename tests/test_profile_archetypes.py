"""Acceptance: each archetype of `sir seed` gets the profile its story implies.

The graph is seeded once for this module with `graph.seed.seed_graph` (200
customers of one organization, the seed's default touchpoints) and read back
through GraphQL. Every archetype must get one tier, one gate, one type (two
for loyal co-creators: co-owning once their ACTIVE role is high enough on the
ladder) and one at-risk flag. A claim holds when at least two thirds of the
archetype's relationships satisfy it: the seed draws every customer at
random around its archetype, so a few land across a threshold.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from api.app import create_app
from api.settings import Settings
from graph.runtime import Graph
from graph.seed import generate, seed_graph
from resolvers.permissions import Role
from tests.conftest import bearer

CUSTOMERS = 200
SEED = 7
SHARE = 2 / 3


@dataclass(frozen=True)
class Expected:
    """The profile an archetype must get."""

    tier: str
    gate: str
    types: tuple[str, ...]
    at_risk: bool


# What each archetype's story implies (docs/seed.md tells the stories).
EXPECTED = {
    # Engaged for years with many signals and an ACTIVE role.
    "loyal_co_creator": Expected(
        "HIGH", "RESOURCE", ("CO_OWNING", "COLLABORATIVE"), False
    ),
    # Served well, but rarely starts or answers contact.
    "satisfied_distant": Expected("LOW", "CONNECTION", ("RELATIONAL",), False),
    # Served badly, complains, speaks of leaving.
    "let_down_by_service": Expected("LOW", "CLIENT", ("TRANSACTIONAL",), True),
    # A few contacts: too little evidence for any gate, and nothing wrong.
    "new": Expected("LOW", "CLIENT", ("TRANSACTIONAL",), False),
    # Was fine; fewer, worse, unanswered contacts and negative signals lately.
    "drifting_away": Expected("LOW", "CLIENT", ("TRANSACTIONAL",), True),
    # Served well and building goodwill; an EXPLORING role is not yet a role.
    "aspiring_contributor": Expected("MEDIUM", "CONNECTION", ("RELATIONAL",), False),
}

STATES = """
query ($after: String) {
  customers(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { id relationships { state {
      tier gate type atRisk trend { goodwill serve }
    } } } }
  }
}
"""

State = dict[str, Any]
Claim = Callable[[State], bool]


@pytest.fixture(scope="module")
async def profiles(
    settings: Settings, graph: Graph
) -> AsyncIterator[dict[str, list[State]]]:
    """The states of the seeded relationships, by the archetype of the customer."""
    now = datetime.now(UTC)
    await graph.database.write("admin/delete_graph")
    await seed_graph(graph.database, 1, CUSTOMERS, SEED, now=now)
    archetypes = generate(1, CUSTOMERS, SEED, now=now).archetypes
    transport = httpx.ASGITransport(app=create_app(settings, graph))
    async with httpx.AsyncClient(
        transport=transport,
        base_url="http://sir.test",
        headers=bearer(settings, Role.ADMIN),
    ) as client:
        found: dict[str, list[State]] = {}
        after = None
        while True:
            response = await client.post(
                "/graphql", json={"query": STATES, "variables": {"after": after}}
            )
            page = response.json()["data"]["customers"]
            for edge in page["edges"]:
                node = edge["node"]
                for relationship in node["relationships"]:
                    found.setdefault(archetypes[node["id"]], []).append(
                        relationship["state"]
                    )
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
        yield found


def share(states: list[State], claim: Claim) -> float:
    """The share of states for which the claim holds."""
    return sum(1 for state in states if claim(state)) / len(states)


FIGURES: dict[str, Callable[[Expected], Claim]] = {
    "tier": lambda want: lambda s: s["tier"] == want.tier,
    "gate": lambda want: lambda s: s["gate"] == want.gate,
    "type": lambda want: lambda s: s["type"] in want.types,
    "at risk": lambda want: lambda s: s["atRisk"] is want.at_risk,
}
CLAIMS = [
    pytest.param(name, figure, id=f"{name} {figure}")
    for name in EXPECTED
    for figure in FIGURES
]


@pytest.mark.parametrize(("archetype", "figure"), CLAIMS)
def test_each_archetype_gets_the_tier_gate_type_and_risk_its_story_implies(
    profiles: dict[str, list[State]], archetype: str, figure: str
) -> None:
    states = profiles[archetype]
    claim = FIGURES[figure](EXPECTED[archetype])

    held = share(states, claim)

    assert held >= SHARE, f"{held:.0%} of {len(states)} {archetype} relationships"


def test_the_service_of_customers_drifting_away_fell_over_the_last_30_days(
    profiles: dict[str, list[State]],
) -> None:
    states = profiles["drifting_away"]

    held = share(states, lambda s: s["trend"]["serve"] < 0)

    assert held >= SHARE


def test_every_seeded_relationship_has_a_state(
    profiles: dict[str, list[State]],
) -> None:
    states = [state for found in profiles.values() for state in found]

    assert set(profiles) == set(EXPECTED)
    assert all(state is not None for state in states)
