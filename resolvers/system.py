"""Queries about the service itself, answered from the database."""

from __future__ import annotations

import strawberry

from resolvers.context import Info


@strawberry.type(description="How many nodes of each kind the graph holds.")
class GraphStats:
    organizations: int
    customers: int
    relationships: int
    touchpoints: int


@strawberry.type
class Query:
    @strawberry.field(description="Counts of the main nodes; proves the graph answers.")
    async def graph_stats(self, info: Info) -> GraphStats:
        rows = await info.context.database.read("system/count_nodes")
        return GraphStats(**rows[0])
