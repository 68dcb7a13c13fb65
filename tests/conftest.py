"""Shared fixtures: one embedded ArcadeDB server for the whole test session."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.app import create_app, graph_config
from api.auth import TokenConfig, issue_token
from api.settings import Settings
from graph.database import Database
from graph.runtime import Graph, open_graph
from resolvers.permissions import Principal, Role

GraphQLCall = Callable[..., Awaitable[dict[str, Any]]]
ClientFor = Callable[..., httpx.AsyncClient]


def bearer(
    settings: Settings,
    role: Role | str,
    *,
    org: str | None = None,
    partner: str | None = None,
    subject: str = "test",
) -> dict[str, str]:
    """The Authorization header of a valid token for that role."""
    principal = Principal(Role(role), subject, org, partner)
    token = issue_token(TokenConfig.from_settings(settings), principal)
    return {"Authorization": f"Bearer {token}"}


async def post_graphql(
    client: httpx.AsyncClient, document: str, **variables: Any
) -> dict[str, Any]:
    """POST one GraphQL document with this client; the decoded body."""
    response = await client.post(
        "/graphql", json={"query": document, "variables": variables}
    )
    body: dict[str, Any] = response.json()
    return body


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings for the test server: a throwaway data folder, nothing from .env."""
    data_dir: Path = tmp_path_factory.mktemp("sir-data")
    return Settings(_env_file=None, data_dir=data_dir)  # type: ignore[call-arg]


@pytest.fixture(scope="session")
async def graph(settings: Settings) -> AsyncIterator[Graph]:
    """The embedded server, started once and stopped after the last test."""
    async with open_graph(graph_config(settings)) as opened:
        yield opened


@pytest.fixture
async def database(graph: Graph) -> Database:
    """The database, emptied before the test so that tests stay independent."""
    await graph.database.write("admin/delete_graph")
    graph.database.stats.round_trips = 0
    return graph.database


@pytest.fixture
async def client(
    settings: Settings, graph: Graph, database: Database
) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client of the real app, bound to the session's database."""
    app = create_app(settings, graph)
    transport = httpx.ASGITransport(app=app)
    # An ADMIN may do everything; tests of other roles use `client_for`.
    headers = bearer(settings, Role.ADMIN, subject="test-admin")
    async with httpx.AsyncClient(
        transport=transport, base_url="http://sir.test", headers=headers
    ) as c:
        yield c


@pytest.fixture
async def client_for(
    settings: Settings, graph: Graph, database: Database
) -> AsyncIterator[ClientFor]:
    """Make HTTP clients of the app that call as a role: `client_for("AGENT",
    org="o-1")`, `client_for("PARTNER", partner="p-1")`, or with `headers=`
    of their own (no credentials at all: `headers={}`)."""
    app = create_app(settings, graph)
    transport = httpx.ASGITransport(app=app)
    async with AsyncExitStack() as stack:

        def make(
            role: Role | str | None = None,
            *,
            org: str | None = None,
            partner: str | None = None,
            headers: dict[str, str] | None = None,
        ) -> httpx.AsyncClient:
            if headers is None:
                assert role is not None, "give a role or headers"
                headers = bearer(settings, role, org=org, partner=partner)
            client = httpx.AsyncClient(
                transport=transport, base_url="http://sir.test", headers=headers
            )
            stack.push_async_callback(client.aclose)
            return client

        yield make


@pytest.fixture
def gql(client: httpx.AsyncClient) -> GraphQLCall:
    """POST one GraphQL document and return the decoded response body."""

    async def call(document: str, **variables: Any) -> dict[str, Any]:
        response = await client.post(
            "/graphql", json={"query": document, "variables": variables}
        )
        body: dict[str, Any] = response.json()
        return body

    return call
