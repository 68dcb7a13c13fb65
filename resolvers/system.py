"""Queries about the service itself, answered from the database."""

from __future__ import annotations

import strawberry

from resolvers.context import Info
from resolvers.permissions import Permission, allowed


@strawberry.type(description="How many nodes of each kind the graph holds.")
class GraphStats:
    organizations: int
    customers: int
    relationships: int
    touchpoints: int


@strawberry.type
class Query:
    # The counts span every organization, so only an ADMIN may read them.
    @strawberry.field(
        description="Counts of the main nodes; proves the graph answers. ADMIN only.",
        extensions=[allowed(Permission.READ_GRAPH_STATS)],
    )
    async def graph_stats(self, info: Info) -> GraphStats:
        rows = await info.context.database.read("system/count_nodes")
        return GraphStats(**rows[0])
