"""Shared fixtures: one embedded ArcadeDB server for the whole test session."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.app import create_app, graph_config
from api.settings import Settings
from graph.database import Database
from graph.runtime import Graph, open_graph

GraphQLCall = Callable[..., Awaitable[dict[str, Any]]]


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
    async with httpx.AsyncClient(transport=transport, base_url="http://sir.test") as c:
        yield c


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
