"""`sir seed`: deterministic synthetic data whose customers follow archetypes."""

from __future__ import annotations

import itertools
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from statistics import mean
from typing import Any

import pytest

from api import commands_data
from graph import intel, reads
from graph.archetypes import ARCHETYPES
from graph.database import Database
from graph.seed import (
    HISTORY_DAYS,
    HISTORY_STEP_DAYS,
    TOUCHPOINTS_PER_CUSTOMER,
    generate,
    replay_history,
    seed_graph,
)
from graph.validation import parse_events
from sir.types import SignalKind
from tests.writes_support import counts, node

NOW = datetime(2025, 6, 1, tzinfo=UTC)


async def ids(database: Database) -> list[tuple[str, str]]:
    """Every (label, id) of the graph, sorted."""
    rows = await database.read("write/list_ids")
    return [(row["label"], row["id"]) for row in rows]


async def test_the_same_seed_makes_the_same_graph(database: Database) -> None:
    await seed_graph(database, 2, 25, seed=7, now=NOW, batch_size=300)
    first = (await counts(database), await ids(database))
    await database.write("admin/delete_graph")

    await seed_graph(database, 2, 25, seed=7, now=NOW, batch_size=1000)

    assert (await counts(database), await ids(database)) == first


async def test_seeding_again_changes_nothing(database: Database) -> None:
    await seed_graph(database, 1, 15, seed=3, now=NOW)
    once = await counts(database)

    await seed_graph(database, 1, 15, seed=3, now=NOW)

    assert await counts(database) == once


async def test_a_seed_writes_catalogues_and_customers_with_archetypes(
    database: Database,
) -> None:
    summary = await seed_graph(database, 2, 20, seed=11, now=NOW)

    found = await counts(database)
    assert (found["Organization"], found["Customer"]) == (2, 20)
    assert found["Role"] == 10
    assert found["Action"] == 22
    assert found["Relationship"] >= 20
    assert sum(summary.archetypes.values()) == 20
    customer = (await node(database, "cust-00001"))["properties"]
    assert customer["archetype"] in {a.name for a in ARCHETYPES}


def test_a_batch_never_splits_the_events_of_a_customer() -> None:
    data = generate(2, 30, seed=7, now=NOW)

    batches = data.batches(100)

    assert [e for batch in batches for e in batch] == data.events
    owners = [{e["customer"] for e in batch if "customer" in e} for batch in batches]
    assert all(not a & b for a, b in itertools.pairwise(owners))


def test_different_seeds_make_different_customers() -> None:
    first = generate(1, 30, seed=1, now=NOW)
    second = generate(1, 30, seed=2, now=NOW)

    assert first.archetypes != second.archetypes


def test_generated_events_pass_the_write_path_checks() -> None:
    data = generate(3, 60, seed=5, now=NOW)

    events = parse_events(data.events, len(data.events))

    assert {event.type for event in events} >= {
        "organization",
        "customer",
        "touchpoint",
        "signal",
        "roleStatus",
        "aspiration",
        "contactPreferences",
        "actionReceived",
    }


def by_archetype(data: Any, type_: str) -> dict[str, list[dict[str, Any]]]:
    """The events of one type, grouped by their customer's archetype."""
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in data.events:
        if event["type"] == type_:
            grouped[data.archetypes[event["customer"]]].append(event)
    return grouped


@pytest.fixture(scope="module")
def population() -> Any:
    """A population big enough for every archetype to show its colours."""
    return generate(2, 400, seed=2015, now=NOW)


def serve_mean(touchpoints: list[dict[str, Any]]) -> float:
    """The mean fulfilment of the need to be served over some touchpoints."""
    return mean(
        need["fulfilment"]
        for event in touchpoints
        for need in event["needs"]
        if need["need"] == "SERVE"
    )


def test_customers_let_down_by_service_are_served_worst(population: Any) -> None:
    touchpoints = by_archetype(population, "touchpoint")

    served = {name: serve_mean(events) for name, events in touchpoints.items()}

    assert min(served, key=served.__getitem__) == "let_down_by_service"
    assert served["let_down_by_service"] < 0 < served["loyal_co_creator"]


def test_loyal_co_creators_start_contact_and_distant_customers_do_not(
    population: Any,
) -> None:
    touchpoints = by_archetype(population, "touchpoint")

    def initiative(name: str) -> float:
        events = touchpoints[name]
        return sum(e["initiatedBy"] == "CUSTOMER" for e in events) / len(events)

    assert initiative("loyal_co_creator") > 0.4 > initiative("satisfied_distant")


def test_only_engaged_customers_play_active_roles(population: Any) -> None:
    plays = by_archetype(population, "roleStatus")

    active = {
        name
        for name, events in plays.items()
        for e in events
        if e["status"] == "ACTIVE"
    }

    assert active == {"loyal_co_creator"}
    assert {e["status"] for e in plays["drifting_away"]} == {"LAPSED"}
    assert "satisfied_distant" not in plays


def age(event: dict[str, Any]) -> float:
    """How many days before `NOW` an event happened."""
    return (NOW - datetime.fromisoformat(event["at"])).total_seconds() / 86_400


def test_customers_drifting_away_decline_in_their_last_months(
    population: Any,
) -> None:
    touchpoints = by_archetype(population, "touchpoint")["drifting_away"]
    # Every decline began 45 to 120 days ago: compare its last 45 days with
    # the months before it began.
    late = [e for e in touchpoints if age(e) <= 45]
    early = [e for e in touchpoints if 120 <= age(e) <= 365]

    def answered(events: list[dict[str, Any]]) -> float:
        asked = [e for e in events if e["initiatedBy"] == "ORGANIZATION"]
        return sum(bool(e["answered"]) for e in asked) / len(asked)

    assert len(late) / 45 < len(early) / 245
    assert serve_mean(late) < 0 < serve_mean(early)
    assert answered(late) < 0.3 < 0.5 < answered(early)


def test_negative_signals_of_drifting_customers_come_in_their_last_months(
    population: Any,
) -> None:
    signals = by_archetype(population, "signal")["drifting_away"]

    negative = [e for e in signals if SignalKind(e["kind"]).is_negative]

    assert negative
    assert max(age(e) for e in negative) <= 120
    assert min(age(e) for e in signals if e not in negative) >= 45


def test_loyal_co_creators_give_signals_up_to_now(population: Any) -> None:
    signals = by_archetype(population, "signal")["loyal_co_creator"]
    relationships = {(e["customer"], e["organization"]) for e in signals}

    recent = {(e["customer"], e["organization"]) for e in signals if age(e) <= 60}

    assert len(recent) >= 0.8 * len(relationships)


def test_history_reaches_back_a_year_besides_the_first_contact(
    population: Any,
) -> None:
    touchpoints = [e for e in population.events if e["type"] == "touchpoint"]

    later = [e for e in touchpoints if not e["id"].endswith(":t0")]

    assert max(age(e) for e in later) <= HISTORY_DAYS
    assert max(age(e) for e in touchpoints) > HISTORY_DAYS


def test_relationships_average_about_k_touchpoints(population: Any) -> None:
    touchpoints = [e for e in population.events if e["type"] == "touchpoint"]

    relationships = {(e["customer"], e["organization"]) for e in touchpoints}

    per_relationship = len(touchpoints) / len(relationships)
    assert per_relationship > 0.8 * TOUCHPOINTS_PER_CUSTOMER
    assert per_relationship < 1.2 * TOUCHPOINTS_PER_CUSTOMER


def test_new_customers_have_few_and_recent_touchpoints(population: Any) -> None:
    touchpoints = by_archetype(population, "touchpoint")

    oldest = min(datetime.fromisoformat(e["at"]) for e in touchpoints["new"])
    per_customer = len(touchpoints["new"]) / sum(
        name == "new" for name in population.archetypes.values()
    )

    assert (NOW - oldest).days <= 60
    assert per_customer < len(touchpoints["loyal_co_creator"]) / sum(
        name == "loyal_co_creator" for name in population.archetypes.values()
    )


async def test_the_demo_is_seeded_only_into_an_empty_graph(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(commands_data, "DEMO_CUSTOMERS", 10)

    seeded = await commands_data.seed_demo_if_empty(database)
    again = await commands_data.seed_demo_if_empty(database)

    assert (seeded, again) == (True, False)
    assert (await counts(database))["Customer"] == 10


async def all_relationship_ids(database: Database) -> list[str]:
    """The id of every Relationship (a seeded graph of a few customers)."""
    rows = await database.read("profile/list_relationship_ids", after="", limit=1000)
    return [row["id"] for row in rows]


async def test_a_replayed_history_keeps_a_state_a_month_from_first_contact(
    database: Database,
) -> None:
    await seed_graph(database, 1, 20, seed=5, now=NOW)
    ids = await all_relationship_ids(database)

    await replay_history(database, 3, now=NOW)

    found = await reads.get_relationships(database, ids)
    history = await reads.state_history(database, ids, limit=10)
    months = [NOW - timedelta(days=HISTORY_STEP_DAYS * n) for n in (3, 2, 1)]
    for id in ids:
        since, states = found[id]["since"], history[id]
        past = sorted(state["at"] for state in states if state["at"] <= NOW)
        assert past == [moment for moment in months if moment >= since], id
        # The current state is today's again, that of the newest snapshot
        # (goodwill fades a little between the two moments).
        assert found[id]["tier"] == states[0]["tier"]
        assert found[id]["goodwill"] == pytest.approx(states[0]["goodwill"], abs=0.01)
        assert states[0]["at"] > NOW


async def test_a_replayed_history_gives_uplift_cases_to_learn_from(
    database: Database,
) -> None:
    await seed_graph(database, 1, 20, seed=5, now=NOW)
    before = await intel.action_effectiveness(database, "org-1")

    await replay_history(database, 6, now=NOW)

    after = await intel.action_effectiveness(database, "org-1")
    assert sum(effect.cases for effect in before) == 0
    assert sum(effect.cases for effect in after) > 0
