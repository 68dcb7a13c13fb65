"""The Bloom perspective covers the model, and its search phrases run."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

import pytest

from graph.bloom import SEARCH_PHRASES, perspective, perspective_json
from graph.cypher import CYPHER_DIR
from graph.database import Database, to_native
from graph.model import LABELS, RELATIONSHIP_TYPES

# A small graph whose answers are known: Acme has three customers, Bob and
# Cleo at risk; Bob's goodwill fell from 60 to 20, Cleo's from 55 to 45, Ann's
# rose; Ann plays the Ambassador role hosted by the partner Hub and met Hub
# in a store visit. Birch and its customer Dev must never show up for Acme.
EXAMPLE_GRAPH = """
MATCH (serve:Need {key: 'SERVE'}), (connect:Need {key: 'CONNECT'})
CREATE
  (acme:Organization {id: 'o-acme', name: 'Acme'}),
  (birch:Organization {id: 'o-birch', name: 'Birch'}),
  (ann:Customer {id: 'c-ann', name: 'Ann', createdAt: $t0}),
  (bob:Customer {id: 'c-bob', name: 'Bob', createdAt: $t0}),
  (cleo:Customer {id: 'c-cleo', name: 'Cleo', createdAt: $t0}),
  (dev:Customer {id: 'c-dev', name: 'Dev', createdAt: $t0}),
  (rAnn:Relationship {id: 'r-ann-acme', since: $t0, goodwill: 80.0,
    tier: 'HIGH', gate: 'RESOURCE', type: 'CO_OWNING', atRisk: false,
    serve: 0.8, connect: 0.75, role: 0.7}),
  (rBob:Relationship {id: 'r-bob-acme', since: $t0, goodwill: 20.0,
    tier: 'LOW', gate: 'CLIENT', type: 'TRANSACTIONAL', atRisk: true,
    serve: 0.4, connect: 0.5, role: 0.5}),
  (rCleo:Relationship {id: 'r-cleo-acme', since: $t0, goodwill: 45.0,
    tier: 'MEDIUM', gate: 'CONNECTION', type: 'RELATIONAL', atRisk: true,
    serve: 0.7, connect: 0.55, role: 0.5}),
  (rDev:Relationship {id: 'r-dev-birch', since: $t0, goodwill: 55.0,
    tier: 'MEDIUM', gate: 'CONNECTION', type: 'RELATIONAL', atRisk: true,
    serve: 0.65, connect: 0.5, role: 0.5}),
  (ann)-[:IN]->(rAnn)-[:WITH]->(acme),
  (bob)-[:IN]->(rBob)-[:WITH]->(acme),
  (cleo)-[:IN]->(rCleo)-[:WITH]->(acme),
  (dev)-[:IN]->(rDev)-[:WITH]->(birch),
  (rAnn)-[:HAD_STATE]->(:RelationshipState {at: $jan1, goodwill: 70.0,
    tier: 'HIGH', gate: 'RESOURCE', type: 'COLLABORATIVE', atRisk: false}),
  (rAnn)-[:HAD_STATE]->(:RelationshipState {at: $mar1, goodwill: 80.0,
    tier: 'HIGH', gate: 'RESOURCE', type: 'CO_OWNING', atRisk: false}),
  (rBob)-[:HAD_STATE]->(:RelationshipState {at: $jan1, goodwill: 60.0,
    tier: 'MEDIUM', gate: 'CONNECTION', type: 'RELATIONAL', atRisk: false}),
  (rBob)-[:HAD_STATE]->(:RelationshipState {at: $mar1, goodwill: 20.0,
    tier: 'LOW', gate: 'CLIENT', type: 'TRANSACTIONAL', atRisk: true}),
  (rCleo)-[:HAD_STATE]->(:RelationshipState {at: $jan15, goodwill: 55.0,
    tier: 'MEDIUM', gate: 'CONNECTION', type: 'RELATIONAL', atRisk: false}),
  (rCleo)-[:HAD_STATE]->(:RelationshipState {at: $mar1, goodwill: 45.0,
    tier: 'MEDIUM', gate: 'CONNECTION', type: 'RELATIONAL', atRisk: true}),
  (rDev)-[:HAD_STATE]->(:RelationshipState {at: $jan1, goodwill: 90.0,
    tier: 'HIGH', gate: 'RESOURCE', type: 'COLLABORATIVE', atRisk: false}),
  (rDev)-[:HAD_STATE]->(:RelationshipState {at: $mar1, goodwill: 55.0,
    tier: 'MEDIUM', gate: 'CONNECTION', type: 'RELATIONAL', atRisk: true}),
  (hub:Partner {id: 'p-hub', name: 'Hub'})-[:PARTNERS_WITH]->(acme),
  (amb:Role {id: 'ro-amb', key: 'ambassador', name: 'Ambassador', rung: 3,
    capacity: 10}),
  (tester:Role {id: 'ro-tester', key: 'tester', name: 'Tester', rung: 2}),
  (acme)-[:OFFERS]->(amb), (acme)-[:OFFERS]->(tester), (hub)-[:HOSTS]->(amb),
  (ann)-[:PLAYS {since: $t0, status: 'ACTIVE'}]->(amb),
  (cleo)-[:PLAYS {since: $jan15, status: 'EXPLORING'}]->(amb),
  (cleo)-[:PLAYS {since: $jan1, status: 'ACTIVE'}]->(tester),
  (bob)-[:PLAYS {since: $t0, status: 'LAPSED'}]->(tester),
  (cleo)-[:ASPIRES_TO {at: $jan15, clarity: 0.8, motivation: 0.9,
    ability: 0.6}]->(amb),
  (rAnn)-[:HAD]->(visit:Touchpoint {id: 't-visit', at: $feb10,
    channel: 'STORE', kind: 'visit', initiatedBy: 'CUSTOMER'}),
  (visit)-[:VIA]->(hub),
  (visit)-[:ADDRESSED {fulfilment: 0.9}]->(serve),
  (visit)-[:ADDRESSED {fulfilment: 0.6}]->(connect),
  (rBob)-[:HAD]->(call:Touchpoint {id: 't-call', at: $feb20,
    channel: 'PHONE', kind: 'complaint', initiatedBy: 'CUSTOMER'}),
  (call)-[:ADDRESSED {fulfilment: -0.5}]->(serve),
  (rCleo)-[:HAD]->(mail:Touchpoint {id: 't-mail', at: $feb10,
    channel: 'EMAIL', kind: 'newsletter', initiatedBy: 'ORGANIZATION',
    answered: true}),
  (mail)-[:ADDRESSED {fulfilment: 0.3}]->(connect),
  (rAnn)-[:SIGNALLED]->(:GoodwillSignal {id: 's-referral', at: $feb10,
    kind: 'REFERRAL', weight: 5.0}),
  (rBob)-[:SIGNALLED]->(:GoodwillSignal {id: 's-complaint', at: $feb20,
    kind: 'ESCALATED_COMPLAINT', weight: 8.0}),
  (fix:Action {id: 'a-fix', key: 'fix-billing', kind: 'SERVICE_FIX',
    need: 'SERVE', gate: 'CLIENT', goodwillCost: 0.0, cooldownDays: 7}),
  (ask:Action {id: 'a-ask', key: 'ask-referral', kind: 'REFERRAL_REQUEST',
    need: 'ROLE', gate: 'RESOURCE', goodwillCost: 10.0, cooldownDays: 90}),
  (acme)-[:OFFERS]->(fix), (acme)-[:OFFERS]->(ask),
  (rBob)-[:RECEIVED {at: $feb20, outcome: 'POSITIVE'}]->(fix),
  (rAnn)-[:RECEIVED {at: $feb10, outcome: 'POSITIVE'}]->(ask),
  (rCleo)-[:RECOMMENDED {at: $mar1, rank: 1, score: 3.5,
    status: 'PROPOSED'}]->(ask)
"""

EXAMPLE_TIMES = {
    "t0": datetime(2024, 6, 1, tzinfo=UTC),
    "jan1": datetime(2025, 1, 1, tzinfo=UTC),
    "jan15": datetime(2025, 1, 15, tzinfo=UTC),
    "feb10": datetime(2025, 2, 10, tzinfo=UTC),
    "feb20": datetime(2025, 2, 20, tzinfo=UTC),
    "mar1": datetime(2025, 3, 1, tzinfo=UTC),
}

PARAMETER = re.compile(r"\$(\w+)")


async def run_cypher(database: Database, text: str, **params: Any) -> list[Any]:
    """Run Cypher that is not one of the service's files, as an analyst would."""
    async with database.driver.session(database=database.name) as session:
        result = await session.run(text, params)
        return [to_native(record.data()) async for record in result]


async def create_example_graph(database: Database) -> None:
    """Write the small known graph that the analysts' queries are tried on."""
    await run_cypher(database, EXAMPLE_GRAPH, **EXAMPLE_TIMES)


def node_ids(path: list[Any]) -> tuple[str, ...]:
    """The ids of a returned path's nodes, in order; states have none."""
    return tuple(item.get("id", "state") for item in path if isinstance(item, dict))


# What each search phrase answers on the example graph.
EXPECTED: dict[str, tuple[dict[str, Any], list[tuple[str, ...]]]] = {
    "bloom/find_customers_at_risk": (
        {"organization": "Acme"},
        [("c-bob", "r-bob-acme", "o-acme"), ("c-cleo", "r-cleo-acme", "o-acme")],
    ),
    "bloom/find_role_co_owners": (
        {"role": "Ambassador"},
        [("c-ann", "ro-amb", "o-acme")],
    ),
    "bloom/find_partner_routes": (
        {"customer": "Ann", "partner": "Hub"},
        [
            ("c-ann", "r-ann-acme", "o-acme", "p-hub"),
            ("c-ann", "r-ann-acme", "t-visit", "p-hub"),
            ("c-ann", "ro-amb", "p-hub"),
        ],
    ),
    "bloom/find_goodwill_falls": (
        {"organization": "Acme", "days": 30},
        [("c-bob", "r-bob-acme", "o-acme"), ("c-cleo", "r-cleo-acme", "o-acme")],
    ),
}
UNORDERED = {"bloom/find_partner_routes"}


def test_the_perspective_has_a_category_for_every_label() -> None:
    categories = {c["name"]: c for c in perspective()["categories"]}

    assert list(categories) == [label.name for label in LABELS]
    for label in LABELS:
        category = categories[label.name]
        captions = [p["name"] for p in category["properties"] if p["isCaption"]]
        assert category["labels"] == [label.name]
        assert category["caption"] == [label.caption]
        assert captions == [label.caption]
        assert re.fullmatch(r"#[0-9A-F]{6}", category["color"])


def test_every_label_has_its_own_colour() -> None:
    colours = [label.colour for label in LABELS]

    assert len(set(colours)) == len(colours)


def test_the_perspective_lists_every_relationship_type_once() -> None:
    names = [t["name"] for t in perspective()["relationshipTypes"]]

    assert sorted(names) == sorted({kind.name for kind in RELATIONSHIP_TYPES})


def test_relationship_types_join_labels_of_the_model() -> None:
    labels = {label.name for label in LABELS}

    for kind in RELATIONSHIP_TYPES:
        assert {kind.start, kind.end} <= labels, kind.name


def test_the_perspective_file_is_the_same_on_every_run() -> None:
    text = perspective_json()

    assert text == perspective_json()
    assert json.loads(text)["name"] == "SiR relationships"


@pytest.mark.parametrize("template", perspective()["templates"], ids=lambda t: t["id"])
def test_every_phrase_parameter_is_declared_and_used(template: dict[str, Any]) -> None:
    in_text = set(PARAMETER.findall(template["text"]))
    declared = {p["name"].removeprefix("$") for p in template["params"]}
    in_cypher = set(PARAMETER.findall(template["cypher"]))

    assert in_text == declared == in_cypher
    assert not template["cypher"].startswith("//")


def test_every_bloom_statement_backs_a_search_phrase() -> None:
    files = {f"bloom/{path.stem}" for path in (CYPHER_DIR / "bloom").glob("*.cypher")}

    assert files == {phrase.statement for phrase in SEARCH_PHRASES}
    assert set(EXPECTED) == files


@pytest.mark.parametrize("template", perspective()["templates"], ids=lambda t: t["id"])
async def test_every_search_phrase_finds_what_the_example_graph_holds(
    database: Database, template: dict[str, Any]
) -> None:
    await create_example_graph(database)
    statement = f"bloom/{template['id']}"
    params, expected = EXPECTED[statement]

    rows = await run_cypher(database, template["cypher"], **params)

    found = [node_ids(row["path"]) for row in rows]
    if statement in UNORDERED:
        found.sort()
    assert found == expected


async def test_goodwill_falls_show_the_two_states_compared(
    database: Database,
) -> None:
    await create_example_graph(database)

    rows = await database.read(
        "bloom/find_goodwill_falls", organization="Acme", days=30
    )

    bob = rows[0]
    assert bob["recent"][-1]["goodwill"] == 20.0
    assert bob["earlier"][-1]["goodwill"] == 60.0


async def test_goodwill_falls_need_a_state_old_enough_to_compare(
    database: Database,
) -> None:
    await create_example_graph(database)

    rows = await database.read(
        "bloom/find_goodwill_falls", organization="Acme", days=50
    )

    assert [node_ids(row["path"])[0] for row in rows] == ["c-bob"]
