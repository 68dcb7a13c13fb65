"""Who is subscribing: credentials of GraphQL WebSocket connections.

A WebSocket at `/graphql` speaks `graphql-transport-ws`. Clients that can set
headers on the handshake (servers, scripts) send `Authorization: Bearer ...`
or `X-API-Key` there, and a bad one is refused before the socket opens.
Browsers cannot set headers on a WebSocket, so they put the same header in
the payload of the first message, `connection_init`:

    {"type": "connection_init", "payload": {"Authorization": "Bearer <jwt>"}}

A connection that has neither is closed with code 4403 before any
subscription starts. The credentials are checked once, when the connection
opens, by the same `api.auth.Authenticator` as every HTTP request.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send
from strawberry.exceptions import ConnectionRejectionError

from api.auth import (
    PRINCIPAL_SCOPE_KEY,
    Authenticator,
    Unauthorized,
    refuse,
    unavailable,
)
from resolvers.subscriptions import LiveContext
from sir.errors import Unavailable

logger = logging.getLogger("sir.auth")

CREDENTIAL_HEADERS = ("authorization", "x-api-key")


class WebSocketCredentials:
    """ASGI app of WebSocket `/graphql`: checks credentials sent as headers.

    A handshake without credentials goes through: they are then expected in
    `connection_init` (see `authenticate_connection`).
    """

    def __init__(self, app: ASGIApp, authenticator: Authenticator) -> None:
        self.app = app
        self.authenticator = authenticator

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Authenticate a handshake that carries credentials, then go on."""
        headers = Headers(scope=scope)
        if scope["type"] == "websocket" and has_credentials(headers):
            try:
                principal = await self.authenticator.authenticate(headers)
            except Unauthorized as error:
                logger.info("websocket refused: %s", error.message)
                await refuse(scope, receive, send, error)
                return
            except Unavailable as error:
                await unavailable(scope, receive, send, error.message)
                return
            scope[PRINCIPAL_SCOPE_KEY] = principal
        await self.app(scope, receive, send)


async def authenticate_connection(
    context: LiveContext, authenticator: Authenticator
) -> None:
    """Find the caller of a connection from its `connection_init` payload.

    Raises `ConnectionRejectionError`, which closes the socket with 4403,
    when neither the handshake nor the payload names a valid caller.
    """
    if context.principal is not None:
        return
    headers = payload_headers(context.connection_params or {})
    try:
        context.principal = await authenticator.authenticate(headers)
    except (Unauthorized, Unavailable) as error:
        logger.info("websocket connection refused: %s", error.message)
        raise ConnectionRejectionError({"reason": error.message}) from None


def payload_headers(payload: Mapping[str, object]) -> Headers:
    """The credential entries of a `connection_init` payload, as headers.

    Keys are matched without regard to case, as header names are.
    """
    found = {
        key.lower(): value.strip()
        for key, value in payload.items()
        if isinstance(value, str) and key.lower() in CREDENTIAL_HEADERS
    }
    return Headers(headers=found)


def has_credentials(headers: Headers) -> bool:
    """Whether the handshake carries a bearer token or an API key."""
    return any(headers.get(name) for name in CREDENTIAL_HEADERS)
