"""What every resolver can reach during one GraphQL request."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import strawberry
from starlette.requests import Request
from starlette.websockets import WebSocket

from graph.database import Database
from resolvers.permissions import Principal


@dataclass
class Context:
    """Per-request state: the database, request-scoped loaders and the caller."""

    database: Database
    request: Request | WebSocket | None = None
    # DataLoaders and other per-request caches, created on first use by name.
    loaders: dict[str, Any] = field(default_factory=dict)
    # Who is calling, from the bearer token or API key; None only outside HTTP
    # (a resolver then refuses: see resolvers.permissions.require).
    principal: Principal | None = None


Info = strawberry.Info[Context, None]
