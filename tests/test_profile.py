"""Every write that touches a relationship profiles it in the same transaction.

The State of the Relationship is stored on the Relationship node, where
analysts read it too, and a RelationshipState snapshot is kept only when the
state changed. `sir profile` recomputes every relationship in batches.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest

from api.commands_profile import profile_with_progress
from graph.database import Database, Transaction
from graph.states import profile_all, refresh_states
from sir import DEFAULT_CONFIG
from sir.errors import InvalidInput
from tests.conftest import GraphQLCall
from tests.test_profile_helpers import (
    customer,
    organization,
    record,
    relationship_id,
    signal,
    touchpoints,
)

STATE_PROPERTIES = {
    "stateAt", "modelVersion", "serve", "serveConfidence", "connect",
    "connectConfidence", "role", "roleConfidence", "goodwill", "goodwillTrend",
    "serveTrend", "connectTrend", "roleTrend", "trendSince", "tier", "gate",
    "type", "atRisk", "relationshipQuality", "explanationRules", "explanation",
}  # fmt: skip
SNAPSHOT_PROPERTIES = {
    "at", "serve", "connect", "role", "goodwill", "tier", "gate", "type",
    "atRisk", "modelVersion",
}  # fmt: skip


async def stored(database: Database, id: str) -> dict[str, object]:
    """The properties of a node, as an analyst sees them in the graph."""
    rows = await database.read("write/describe_node", id=id)
    properties: dict[str, object] = rows[0]["properties"]
    return properties


async def snapshots(database: Database, id: str) -> list[dict[str, object]]:
    """The RelationshipState snapshots of a relationship, newest first."""
    rows = await database.read("read/list_relationship_states", ids=[id], limit=100)
    found: list[dict[str, object]] = rows[0]["states"] if rows else []
    return found


async def seed_customers(gql: GraphQLCall, count: int, org: str = "o1") -> list[str]:
    """`count` customers of one organization, each with good service."""
    events = [organization(org)]
    for n in range(count):
        events += [customer(f"c{n}", f"Customer {n}")]
        events += touchpoints(f"c{n}", org, 4, serve=0.8)
    return await record(gql, events)


async def test_a_touchpoint_stores_the_state_on_its_relationship(
    gql: GraphQLCall, database: Database
) -> None:
    await record(
        gql,
        organization("o1"),
        customer("c1", "Ann"),
        touchpoints("c1", "o1", 10, serve=0.9, connect=0.8),
    )

    found = await stored(database, relationship_id("c1", "o1"))

    assert set(found) >= STATE_PROPERTIES
    assert (found["tier"], found["gate"], found["type"]) == (
        "LOW",
        "CONNECTION",
        "RELATIONAL",
    )
    assert found["atRisk"] is False
    assert found["modelVersion"] == DEFAULT_CONFIG.version
    assert found["explanationRules"][0] == "inputs"  # type: ignore[index]
    rules: list[str] = found["explanationRules"]  # type: ignore[assignment]
    assert len(found["explanation"]) == len(rules)  # type: ignore[arg-type]


async def test_the_first_state_is_kept_as_a_snapshot(
    gql: GraphQLCall, database: Database
) -> None:
    await record(gql, organization("o1"), customer("c1", "Ann"))
    await record(gql, touchpoints("c1", "o1", 3, serve=0.9))

    kept = await snapshots(database, relationship_id("c1", "o1"))

    assert len(kept) == 1
    assert set(kept[0]) == SNAPSHOT_PROPERTIES


async def test_a_write_that_leaves_the_state_alone_keeps_no_snapshot(
    gql: GraphQLCall, database: Database
) -> None:
    events = [organization("o1"), customer("c1", "Ann")]
    events += touchpoints("c1", "o1", 3, serve=0.9)
    await record(gql, events)

    await record(gql, touchpoints("c1", "o1", 3, serve=0.9))

    assert len(await snapshots(database, relationship_id("c1", "o1"))) == 1


async def test_a_write_that_changes_the_state_keeps_a_new_snapshot(
    gql: GraphQLCall, database: Database
) -> None:
    await record(gql, organization("o1"), customer("c1", "Ann"))
    await record(gql, touchpoints("c1", "o1", 3, serve=0.9))

    await record(gql, signal("c1", "o1", "s1", "CHURN_INTENT"))

    kept = await snapshots(database, relationship_id("c1", "o1"))
    assert len(kept) == 2
    assert kept[0]["atRisk"] is True
    assert kept[0]["goodwill"] < kept[1]["goodwill"]  # type: ignore[operator]


@pytest.mark.parametrize("customers", [1, 20])
async def test_a_write_costs_the_same_statements_for_any_number_of_relationships(
    gql: GraphQLCall, database: Database, customers: int
) -> None:
    database.stats.round_trips = 0

    touched = await seed_customers(gql, customers)

    assert len(touched) == customers
    # The references check, one MERGE per event type written, then one read
    # and one write of the states: the same for 1 and for 20 relationships.
    assert database.stats.round_trips == 1 + 4 + 2


async def test_refresh_reads_and_writes_once_for_a_whole_batch(
    gql: GraphQLCall, database: Database
) -> None:
    touched = await seed_customers(gql, 12)
    database.stats.round_trips = 0

    async def work(tx: Transaction) -> int:
        summary = await refresh_states(tx, [*touched, "no-such/relationship"])
        return summary.profiled

    profiled = await database.write_transaction(work)

    assert profiled == 12
    assert database.stats.round_trips == 2


async def test_profile_all_recomputes_every_relationship_in_batches(
    gql: GraphQLCall, database: Database
) -> None:
    touched = await seed_customers(gql, 7)
    later = datetime.now(UTC) + timedelta(days=20)
    seen: list[tuple[int, int]] = []

    run = await profile_all(
        database, batch_size=3, progress=lambda d, t: seen.append((d, t)), now=later
    )

    assert (run.relationships, run.batches) == (7, 3)
    assert seen == [(3, 7), (6, 7), (7, 7)]
    # Twenty days of decay moved every state: each kept a second snapshot.
    assert run.snapshots == 7
    assert all([len(await snapshots(database, id)) == 2 for id in touched])


async def test_profiling_again_at_the_same_moment_keeps_no_snapshot(
    gql: GraphQLCall, database: Database
) -> None:
    await seed_customers(gql, 3)
    moment = datetime.now(UTC) + timedelta(days=1)
    await profile_all(database, batch_size=10, now=moment)

    again = await profile_all(database, batch_size=10, now=moment)

    assert (again.relationships, again.snapshots) == (3, 0)


async def test_profile_all_refuses_a_batch_size_below_one(database: Database) -> None:
    with pytest.raises(InvalidInput, match="at least 1, not 0"):
        await profile_all(database, batch_size=0)


class Terminal(io.StringIO):
    """A stderr that says it is a terminal, so the progress bar is drawn."""

    def isatty(self) -> bool:
        return True


async def test_sir_profile_draws_progress_on_a_terminal_and_reports_the_rate(
    gql: GraphQLCall, database: Database
) -> None:
    await seed_customers(gql, 5)
    stderr = Terminal()

    line = await profile_with_progress(database, batch_size=2, stderr=stderr)

    assert "[" + "#" * 30 + "] 100.0%" in stderr.getvalue()
    assert line.startswith("Profiled 5 relationships in 3 batches")


async def test_sir_profile_draws_nothing_when_stderr_is_not_a_terminal(
    gql: GraphQLCall, database: Database
) -> None:
    await seed_customers(gql, 2)
    stderr = io.StringIO()

    await profile_with_progress(database, batch_size=1, stderr=stderr)

    assert stderr.getvalue() == ""
