"""What every resolver can reach during one GraphQL request."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import strawberry
from starlette.requests import Request
from starlette.websockets import WebSocket

from graph.database import Database


@dataclass
class Context:
    """Per-request state: the database, request-scoped loaders and the caller."""

    database: Database
    request: Request | WebSocket | None = None
    # DataLoaders and other per-request caches, created on first use by name.
    loaders: dict[str, Any] = field(default_factory=dict)


Info = strawberry.Info[Context, None]
