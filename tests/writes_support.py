"""Helpers of the write tests: counting what the graph holds, reading a node."""

from __future__ import annotations

from typing import Any

from graph.database import Database

UPSERT_ORGANIZATION = """
mutation ($input: OrganizationInput!) {
  upsertOrganization(input: $input) { written ids relationships }
}
"""
UPSERT_CUSTOMER = """
mutation ($input: CustomerInput!) {
  upsertCustomer(input: $input) { written ids relationships }
}
"""
RECORD_EVENTS = """
mutation ($events: [EventInput!]!) {
  recordEvents(events: $events) { written ids relationships }
}
"""


async def counts(database: Database) -> dict[str, int]:
    """Nodes per label and relationships per type, in one mapping."""
    labels = await database.read("write/count_labels")
    types = await database.read("write/count_types")
    found = {row["label"]: row["count"] for row in labels}
    found |= {row["type"]: row["count"] for row in types}
    return found


async def node(database: Database, id: str) -> dict[str, Any]:
    """A node's labels, properties and outgoing edges, or {} if it is missing."""
    rows = await database.read("write/describe_node", id=id)
    return rows[0] if rows else {}


def edges(found: dict[str, Any], type_: str) -> list[dict[str, Any]]:
    """The outgoing edges of one type of a node that `node` read."""
    return [edge for edge in found["edges"] if edge["type"] == type_]


def error_of(body: dict[str, Any]) -> dict[str, Any]:
    """The first error of a GraphQL response, which must have failed."""
    assert body.get("data") in (None, {}) or all(
        value is None for value in (body.get("data") or {}).values()
    ), body
    first: dict[str, Any] = body["errors"][0]
    return first
