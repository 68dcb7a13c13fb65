"""Organization scoping holds in the Cypher itself, and writes say why not.

The HTTP matrix (`test_auth_matrix.py`) shows what callers get; these tests
call the graph layer with a scope directly, bypassing every resolver check,
to show that the statements alone keep another organization's data out.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from graph import reads
from graph.cypher import CYPHER_DIR
from graph.database import Database
from graph.references import resolve_references
from graph.validation import parse_events
from graph.writes import apply_plan, plan_writes
from tests.auth_matrix import AT, MATRIX_GRAPH, RELATIONSHIP
from tests.conftest import ClientFor, post_graphql
from tests.writes_support import counts, node

RECORD_EVENTS = """
mutation ($events: [EventInput!]!) { recordEvents(events: $events) { written } }
"""
SCOPE = re.compile(r"\$scope(Organization|Partner)Id\b")
# Statements that read or write an organization's data without a scope of
# their own, and why that is safe.
UNSCOPED = {
    # Only ever given ids that a scoped statement returned; a test of
    # another area calls it without a scope.
    "read/list_relationship_states",
    # Run in the transaction of intel/fetch_step_contexts, on its rows.
    "intel/merge_recommendations",
    # Run in the transaction of intel/fetch_step_response, after it found the
    # relationship in scope.
    "intel/set_step_status",
}
# Areas whose statements touch organization data; the others hold system,
# migration, admin, analyst (Bloom) and test statements run by ADMIN tools.
SCOPED_AREAS = ("read", "read_graph", "intel", "partner")
SCOPED_WRITES = re.compile(r"^write/(merge|set)_")


def statements_needing_scope() -> list[str]:
    names = []
    for path in sorted(CYPHER_DIR.rglob("*.cypher")):
        name = path.relative_to(CYPHER_DIR).with_suffix("").as_posix()
        area = name.split("/")[0]
        if area in SCOPED_AREAS or SCOPED_WRITES.match(name):
            names.append(name)
    return names


@pytest.mark.parametrize("name", statements_needing_scope())
def test_every_statement_on_organization_data_takes_a_scope(name: str) -> None:
    text = (CYPHER_DIR / f"{name}.cypher").read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.startswith("//"))

    if name in UNSCOPED:
        assert not SCOPE.search(body), f"{name} is scoped now: drop it from UNSCOPED"
    else:
        assert SCOPE.search(body), f"{name} does not filter by the caller's scope"


@pytest.fixture
async def matrix_graph(client: httpx.AsyncClient, database: Database) -> Database:
    body = await post_graphql(client, RECORD_EVENTS, events=MATRIX_GRAPH)
    assert "errors" not in body, body
    return database


Read = Callable[[Database, str | None], Awaitable[Any]]
WINDOW = reads.Window(0, 10)
READS: dict[str, Read] = {
    "get_customers": lambda db, s: reads.get_customers(db, ["c-ada"], scope=s),
    "get_organizations": lambda db, s: reads.get_organizations(db, ["o-1"], scope=s),
    "get_relationships": lambda db, s: reads.get_relationships(
        db, [RELATIONSHIP], scope=s
    ),
    "relationships_of_customers": lambda db, s: reads.relationships_of_customers(
        db, ["c-ada"], scope=s
    ),
    "touchpoints": lambda db, s: reads.list_slices(
        db, "read/list_relationship_touchpoints", [RELATIONSHIP], WINDOW, scope=s
    ),
    "signals": lambda db, s: reads.list_slices(
        db, "read/list_relationship_signals", [RELATIONSHIP], WINDOW, scope=s
    ),
    "roles": lambda db, s: reads.list_slices(
        db, "read/list_relationship_roles", [RELATIONSHIP], WINDOW, scope=s
    ),
    "summarize_organization": lambda db, s: reads.summarize_organization(
        db, "o-1", scope=s
    ),
    "list_customers": lambda db, s: reads.list_customers(
        db, reads.CustomerFilter(), "NAME", False, WINDOW, scope=s
    ),
    "count_customers with a filter": lambda db, s: reads.count_customers(
        db, reads.CustomerFilter(organization_id="o-1"), scope=s
    ),
}


def o1_part(found: Any) -> Any:
    """What of a read's answer belongs to o-1: customers Ada to Dan, and lists
    that are not empty."""
    if isinstance(found, list):
        return [row for row in found if row.get("id") != "c-eve"]
    if isinstance(found, dict):
        return {key: value for key, value in found.items() if value != []}
    return found


@pytest.mark.parametrize("read", list(READS))
async def test_a_read_scoped_to_another_organization_finds_nothing_of_o1(
    matrix_graph: Database, read: str
) -> None:
    everything = await READS[read](matrix_graph, None)
    own = await READS[read](matrix_graph, "o-1")
    other = await READS[read](matrix_graph, "o-2")

    assert o1_part(everything)
    assert own == everything if read != "list_customers" else o1_part(own)
    assert not o1_part(other)


O1_WRITES: list[dict[str, Any]] = [
    {"organization": {"id": "o-1", "name": "Renamed"}},
    {"partner": {"id": "p-9", "name": "New", "organization": "o-1"}},
    {"customer": {"id": "c-ada", "name": "Renamed"}},
    {
        "touchpoint": {
            "id": "t-9",
            "customer": "c-ada",
            "organization": "o-1",
            "channel": "PHONE",
            "kind": "CALL",
            "initiatedBy": "ORGANIZATION",
            "at": AT,
        }
    },
    {
        "signal": {
            "id": "s-9",
            "customer": "c-ben",
            "organization": "o-1",
            "kind": "FEEDBACK",
            "at": AT,
        }
    },
    {
        "roleStatus": {
            "customer": "c-ben",
            "role": "r-fixer",
            "status": "EXPLORING",
            "since": AT,
        }
    },
    {
        "contactPreferences": {
            "customer": "c-ada",
            "organization": "o-1",
            "at": "2030-01-01T00:00:00Z",
            "optedOut": True,
        }
    },
    {
        "actionReceived": {
            "customer": "c-ada",
            "action": "a-info",
            "at": AT,
            "outcome": "NEGATIVE",
        }
    },
]


async def test_the_write_statements_drop_rows_outside_the_scope(
    matrix_graph: Database,
) -> None:
    events = parse_events(
        [{"type": k, **v} for e in O1_WRITES for k, v in e.items()], 99
    )
    owners = await resolve_references(matrix_graph, events)
    before = (await counts(matrix_graph), await node(matrix_graph, "c-ada"))

    # Straight to the statements, past graph.write_scope's check.
    plan = plan_writes(events, owners, now=datetime.now(UTC), scope="o-2")
    await apply_plan(matrix_graph, plan)
    after = (await counts(matrix_graph), await node(matrix_graph, "c-ada"))

    assert after == before
    assert (await node(matrix_graph, "o-1"))["properties"]["name"] == "Harbour Bikes"


REFUSALS = [
    (
        {"signal": {**O1_WRITES[4]["signal"], "organization": "o-2"}},
        "organization",
        'Event 0 (goodwill signal) writes to organization "o-2"; the caller may '
        'write only to organization "o-1".',
    ),
    (
        {
            "aspiration": {
                "customer": "c-eve",
                "role": "r-reader",
                "at": AT,
                "clarity": 1,
                "motivation": 1,
                "ability": 1,
            }
        },
        "organization",
        'Event 0 (aspiration) writes to organization "o-2"; the caller may '
        'write only to organization "o-1".',
    ),
    (
        {"customer": {"id": "c-eve", "name": "Eve"}},
        "id",
        'Event 0 (customer) changes customer "c-eve", who has no relationship '
        'with organization "o-1" but has others; record a touchpoint with the '
        "customer first.",
    ),
    (
        {"touchpoint": {**O1_WRITES[3]["touchpoint"], "partner": "p-3"}},
        "partner",
        'Event 0 (touchpoint) goes via partner "p-3", which does not partner '
        'with organization "o-1".',
    ),
]


@pytest.mark.parametrize(("event", "field", "message"), REFUSALS)
async def test_an_agent_is_told_which_event_leaves_its_organization(
    matrix_graph: Database,
    client_for: ClientFor,
    event: dict[str, Any],
    field: str,
    message: str,
) -> None:
    agent = client_for("AGENT", org="o-1")
    before = await counts(matrix_graph)

    body = await post_graphql(agent, RECORD_EVENTS, events=[event])

    error = body["errors"][0]
    assert error["message"] == message
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert (error["extensions"]["field"], error["extensions"]["item"]) == (field, 0)
    assert await counts(matrix_graph) == before


async def test_an_agent_may_serve_a_customer_known_to_another_organization(
    matrix_graph: Database, client_for: ClientFor
) -> None:
    agent = client_for("AGENT", org="o-1")
    visit = {**O1_WRITES[3]["touchpoint"], "customer": "c-eve"}

    written = await post_graphql(agent, RECORD_EVENTS, events=[{"touchpoint": visit}])
    renamed = await post_graphql(
        agent, RECORD_EVENTS, events=[{"customer": {"id": "c-eve", "name": "Eva"}}]
    )

    assert "errors" not in written, written
    assert "errors" not in renamed, renamed
    assert (await node(matrix_graph, "c-eve"))["properties"]["name"] == "Eva"
