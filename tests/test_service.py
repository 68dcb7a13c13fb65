"""The HTTP app answers health, readiness and GraphQL from the real database."""

from __future__ import annotations

import os

import httpx

from tests.conftest import GraphQLCall


async def test_health_answers_while_the_process_is_up(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "pid": os.getpid()}


async def test_ready_reports_the_database_it_reached(client: httpx.AsyncClient) -> None:
    response = await client.get("/ready")

    assert response.status_code == 200
    assert response.json()["status"] == "ready"
    assert "embedded ArcadeDB" in response.json()["database"]


async def test_graph_stats_counts_nodes_in_the_database(gql: GraphQLCall) -> None:
    body = await gql(
        "{ graphStats { organizations customers relationships touchpoints } }"
    )

    assert body == {
        "data": {
            "graphStats": {
                "organizations": 0,
                "customers": 0,
                "relationships": 0,
                "touchpoints": 0,
            }
        }
    }


async def test_graphiql_is_served_to_browsers(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", headers={"accept": "text/html"})

    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


async def test_unknown_field_is_a_validation_error_with_a_code(
    gql: GraphQLCall,
) -> None:
    body = await gql("{ nonsense }")

    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "nonsense" in body["errors"][0]["message"]
