"""The graph view: the neighbourhood of one customer as nodes and edges.

The web app draws it with cytoscape.js. Node ids are the node's label and its
own id (`Customer:c-1`, `Need:SERVE`), so that ids of different labels never
clash; captions are short texts a person reads under each node.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

import strawberry

from graph.database import Row
from resolvers.context import Info
from resolvers.pagination import check_first
from resolvers.permissions import Permission, require, scope_of

DEFAULT_TOUCHPOINTS = 20
MAX_TOUCHPOINTS = 100
NEED_CAPTIONS = {
    "SERVE": "to be served",
    "CONNECT": "to connect",
    "ROLE": "to explore a role",
}


@strawberry.type(description="A node of a neighbourhood: its label and a caption.")
class GraphNode:
    id: strawberry.ID = strawberry.field(
        description='The label and the node\'s own id: "Customer:c-1".'
    )
    label: str = strawberry.field(description="Customer, Relationship, Need, ...")
    caption: str = strawberry.field(description="A short text to show by the node.")


@strawberry.type(description="A relationship between two nodes of a neighbourhood.")
class GraphEdge:
    source: strawberry.ID
    target: strawberry.ID
    type: str = strawberry.field(description="IN, WITH, HAD, ADDRESSED, PLAYS, ...")
    caption: str | None = strawberry.field(
        description="A property worth showing: a fulfilment or a role status."
    )


@strawberry.type(description="A customer and the nodes around it, for drawing.")
class Neighbourhood:
    nodes: list[GraphNode]
    edges: list[GraphEdge]


def node_of(found: Mapping[str, Any]) -> GraphNode:
    """A node from one endpoint map of `read_graph/neighbourhood`."""
    label = str(found["label"])
    caption = str(found["caption"] or "")
    if label == "Need":
        caption = NEED_CAPTIONS.get(caption, caption)
    if label == "Touchpoint":
        caption = caption.replace("_", " ").lower().capitalize()
        if isinstance(found.get("at"), datetime):
            caption = f"{caption}, {found['at']:%Y-%m-%d}"
    return GraphNode(id=strawberry.ID(str(found["id"])), label=label, caption=caption)


def edge_caption(type_: str, caption: object) -> str | None:
    """The fulfilment of ADDRESSED as a signed number; other captions as given."""
    if caption is None:
        return None
    if type_ == "ADDRESSED":
        try:
            return f"{float(str(caption)):+.2f}"
        except ValueError:
            return str(caption)
    return str(caption)


def neighbourhood(rows: Iterable[Row]) -> Neighbourhood:
    """Nodes and edges from the rows of one edge each, without repeats."""
    nodes: dict[str, GraphNode] = {}
    edges: dict[tuple[str, str, str], GraphEdge] = {}
    for row in rows:
        source = node_of(row["source"])
        nodes.setdefault(source.id, source)
        if row["type"] is None or row["target"] is None:
            continue
        target = node_of(row["target"])
        nodes.setdefault(target.id, target)
        type_ = str(row["type"])
        edges.setdefault(
            (source.id, type_, target.id),
            GraphEdge(
                source=source.id,
                target=target.id,
                type=type_,
                caption=edge_caption(type_, row["caption"]),
            ),
        )
    return Neighbourhood(nodes=list(nodes.values()), edges=list(edges.values()))


@strawberry.type
class Query:
    @strawberry.field(
        description=(
            "A customer's neighbourhood for the graph view: relationships, "
            "organizations, the latest touchpoints and their needs and "
            "partners, roles and their hosts. Null when the customer does not "
            "exist or is outside the caller's organization."
        )
    )
    async def customer_neighbourhood(
        self,
        info: Info,
        customer_id: strawberry.ID,
        touchpoints: int = DEFAULT_TOUCHPOINTS,
    ) -> Neighbourhood | None:
        principal = require(info, Permission.READ_RELATIONSHIPS)
        limit = check_first(touchpoints, MAX_TOUCHPOINTS, "touchpoints")

        rows = await info.context.database.read(
            "read_graph/neighbourhood",
            customerId=str(customer_id),
            touchpoints=limit,
            scopeOrganizationId=scope_of(principal)["scopeOrganizationId"],
        )

        return neighbourhood(rows) if rows else None
