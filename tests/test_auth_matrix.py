"""Every query and mutation, tried by every role and by the wrong organization
or partner over HTTP: only what the matrix allows succeeds.

The graph of `tests/auth_matrix.py` is written once for this module; the
writes that succeed only rewrite its nodes, so the cases do not depend on
their order.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from api.app import create_app
from api.auth import TokenConfig, issue_token
from api.settings import Settings
from graph.database import Database
from graph.runtime import Graph
from resolvers.permissions import Principal, Role
from resolvers.schema import build_schema
from tests.auth_matrix import (
    CALLERS,
    MATRIX_GRAPH,
    MUTATIONS,
    QUERIES,
    WRITERS,
    Case,
)
from tests.conftest import bearer, post_graphql

CASES = QUERIES + MUTATIONS
RECORD_EVENTS = """
mutation ($events: [EventInput!]!) { recordEvents(events: $events) { written } }
"""
STEPS = '{ nextBestSteps(relationshipId: "c-ada/o-1") { action { id } } }'


@dataclass(frozen=True)
class Matrix:
    """The app's callers by name, the database, and the step proposed to Ada."""

    callers: dict[str, httpx.AsyncClient]
    anonymous: httpx.AsyncClient
    database: Database
    proposed: str


@pytest.fixture(scope="module")
async def matrix(settings: Settings, graph: Graph) -> AsyncIterator[Matrix]:
    """The matrix graph, written once, and a client for each caller."""
    await graph.database.write("admin/delete_graph")
    app = create_app(settings, graph)
    transport = httpx.ASGITransport(app=app)

    def client(headers: dict[str, str]) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            transport=transport, base_url="http://sir.test", headers=headers
        )

    callers = {
        name: client(bearer(settings, role, org=org, partner=partner))
        for name, (role, org, partner) in CALLERS.items()
    }
    anonymous = client({})
    written = await post_graphql(callers["admin"], RECORD_EVENTS, events=MATRIX_GRAPH)
    assert "errors" not in written, written
    steps = await post_graphql(callers["admin"], STEPS)
    proposed = steps["data"]["nextBestSteps"][0]["action"]["id"]
    try:
        yield Matrix(callers, anonymous, graph.database, proposed)
    finally:
        for each in (*callers.values(), anonymous):
            await each.aclose()


def root_fields() -> set[str]:
    """Every field of Query and Mutation, from the schema the app serves."""
    schema = build_schema()._schema
    assert schema.query_type is not None
    assert schema.mutation_type is not None
    return set(schema.query_type.fields) | set(schema.mutation_type.fields)


def test_every_query_and_mutation_has_a_case_in_the_matrix() -> None:
    covered = {case.root for case in CASES}

    assert root_fields() - covered == set()
    assert covered - root_fields() == set()


def variables_of(case: Case, caller: str, matrix: Matrix) -> dict[str, Any]:
    """The case's variables for this caller, with the proposed step's action."""
    values = case.variables(list(CALLERS).index(caller))
    if "$action" in case.document:
        values["action"] = matrix.proposed
    return values


async def snapshot(database: Database, target: str | None) -> list[Any]:
    """What a refused write must leave as it was: counts and the target node."""
    labels = await database.read("write/count_labels")
    types = await database.read("write/count_types")
    node = await database.read("write/describe_node", id=target) if target else []
    return [labels, types, node]


def codes_of(body: dict[str, Any]) -> list[str]:
    return [error["extensions"]["code"] for error in body.get("errors", [])]


@pytest.mark.parametrize("caller", list(CALLERS))
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
async def test_only_what_the_matrix_allows_succeeds(
    matrix: Matrix, case: Case, caller: str
) -> None:
    before = await snapshot(matrix.database, case.target)

    body = await post_graphql(
        matrix.callers[caller], case.document, **variables_of(case, caller, matrix)
    )
    after = await snapshot(matrix.database, case.target)

    data = body.get("data")
    if caller in case.allowed:
        assert "errors" not in body, body
        assert case.seen(data), body
    elif caller in case.hidden:
        assert set(codes_of(body)) <= {"NOT_FOUND"}, body
        assert not case.seen(data), body
    else:
        assert codes_of(body) == ["FORBIDDEN"], body
        assert not case.seen(data), body
    # Only an allowed mutation, or a query of a caller that may write (it
    # records next best steps), may change the graph.
    may_change = caller in case.allowed and (case in MUTATIONS or caller in WRITERS)
    if not may_change:
        assert after == before


def expired_token(settings: Settings) -> str:
    config = TokenConfig.from_settings(settings)
    long_ago = datetime.now(UTC) - timedelta(days=3)
    return issue_token(config, Principal(Role.ADMIN, "old"), hours=1, now=long_ago)


BAD_CREDENTIALS = {
    "none": (lambda settings: {}, "The request has no credentials"),
    "expired": (
        lambda settings: {"Authorization": f"Bearer {expired_token(settings)}"},
        "The token expired at",
    ),
    "forged": (
        lambda settings: {"Authorization": "Bearer e30.e30.c2lnbmF0dXJl"},
        "The token",
    ),
}


@pytest.mark.parametrize("credentials", list(BAD_CREDENTIALS))
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
async def test_every_field_needs_valid_credentials(
    matrix: Matrix, settings: Settings, case: Case, credentials: str
) -> None:
    headers, reason = BAD_CREDENTIALS[credentials]
    before = await snapshot(matrix.database, case.target)

    response = await matrix.anonymous.post(
        "/graphql",
        json={"query": case.document, "variables": case.variables(0)},
        headers=headers(settings),
    )
    after = await snapshot(matrix.database, case.target)

    assert response.status_code == 401
    assert response.json()["error"] == "unauthorized"
    assert response.json()["reason"].startswith(reason)
    assert after == before
