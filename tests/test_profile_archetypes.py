"""Acceptance: each archetype of `sir seed` gets the profile its story implies.

The graph is seeded once for this module with `graph.seed.seed_graph` (150
customers of one organization) and read back through GraphQL. A claim about
an archetype holds when at least two thirds of its relationships satisfy it:
the seed draws every customer at random around its archetype.

The seed runs with 30 touchpoints per customer instead of its default 8.
Needs decay with a half-life of 90 days and gate CONNECTION wants a serve
confidence of 0.5, about three fresh touchpoints' worth of evidence; the
default spreads 8 touchpoints over tenures of up to four years, which leaves
almost every archetype below the gate (docs/reads.md, "Seeded archetypes").

Claims the model cannot meet on this data are marked `xfail(strict=True)`
with the reason, so that they show up, and fail loudly once they pass.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
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

CUSTOMERS = 150
SEED = 7
TOUCHPOINTS = 30
SHARE = 2 / 3

STATES = """
query ($after: String) {
  customers(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { id relationships { state { tier gate type atRisk } } } }
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
    await seed_graph(
        graph.database,
        1,
        CUSTOMERS,
        SEED,
        touchpoints_per_customer=TOUCHPOINTS,
        now=now,
    )
    archetypes = generate(
        1, CUSTOMERS, SEED, touchpoints_per_customer=TOUCHPOINTS, now=now
    ).archetypes
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


def xfail(reason: str) -> pytest.MarkDecorator:
    """A claim the model does not meet on seeded data, for `reason`."""
    return pytest.mark.xfail(strict=True, reason=reason)


CLAIMS = [
    pytest.param(
        "loyal_co_creator",
        lambda s: s["type"] in ("CO_OWNING", "COLLABORATIVE"),
        id="loyal co-creators co-own or collaborate",
    ),
    pytest.param(
        "loyal_co_creator",
        lambda s: s["tier"] != "LOW" and s["gate"] != "CLIENT" and not s["atRisk"],
        id="loyal co-creators have goodwill, pass a gate and are safe",
    ),
    pytest.param(
        "loyal_co_creator",
        lambda s: s["tier"] == "HIGH" and s["gate"] == "RESOURCE",
        id="loyal co-creators reach tier HIGH and gate RESOURCE",
        marks=xfail(
            "goodwill decays towards its baseline of 25 with a half-life of 180 "
            "days while the seed spreads their signals over 700-1500 days, so "
            "it settles near 42: HIGH needs 65, RESOURCE about 57"
        ),
    ),
    pytest.param(
        "let_down_by_service",
        lambda s: (
            (s["tier"], s["gate"], s["type"]) == ("LOW", "CLIENT", "TRANSACTIONAL")
            and s["atRisk"]
        ),
        id="customers let down by service are LOW, CLIENT and at risk",
    ),
    pytest.param(
        "satisfied_distant",
        lambda s: s["tier"] == "LOW" and s["gate"] != "RESOURCE" and not s["atRisk"],
        id="satisfied distant customers are safe but not close",
    ),
    pytest.param(
        "satisfied_distant",
        lambda s: s["gate"] == "CONNECTION",
        id="satisfied distant customers pass gate CONNECTION",
        marks=xfail(
            "with 0.7 x 30 touchpoints over up to 1200 days, too few are fresh "
            "for a serve confidence of 0.5: about 57% pass"
        ),
    ),
    pytest.param(
        "new",
        lambda s: (
            s["tier"] == "LOW"
            and s["type"] in ("TRANSACTIONAL", "RELATIONAL")
            and not s["atRisk"]
        ),
        id="new customers are LOW, not yet collaborating, and safe",
    ),
    pytest.param(
        "aspiring_contributor",
        lambda s: (s["gate"], s["type"]) == ("CONNECTION", "RELATIONAL"),
        id="aspiring contributors pass CONNECTION; exploring is not yet a role",
    ),
    pytest.param(
        "drifting_away",
        lambda s: s["tier"] == "LOW",
        id="customers drifting away have little goodwill",
    ),
    pytest.param(
        "drifting_away",
        lambda s: s["atRisk"],
        id="customers drifting away are at risk",
        marks=xfail(
            "no at-risk rule sees silence: openness is a ratio of decayed "
            "contacts, which silence does not change, and their goodwill, "
            "already below the baseline, drifts up towards it"
        ),
    ),
]


@pytest.mark.parametrize(("archetype", "claim"), CLAIMS)
def test_each_archetype_gets_the_profile_its_story_implies(
    profiles: dict[str, list[State]], archetype: str, claim: Claim
) -> None:
    states = profiles[archetype]

    held = share(states, claim)

    assert held >= SHARE, f"{held:.0%} of {len(states)} {archetype} relationships"


def test_every_seeded_relationship_has_a_state(
    profiles: dict[str, list[State]],
) -> None:
    states = [state for found in profiles.values() for state in found]

    assert len(profiles) == 6
    assert all(state is not None for state in states)
