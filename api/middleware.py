"""ASGI middleware: a request id on every request, echoed on every response."""

from __future__ import annotations

import re
import uuid

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_ID_HEADER = "X-Request-ID"
# Ids from callers are kept when they are short and plain, so that they can go
# into log lines and headers as they are; anything else is replaced.
_ACCEPTED_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def accept_request_id(value: str | None) -> str:
    """The caller's request id when it is well formed, else a new random one."""
    if value is not None and _ACCEPTED_ID.match(value):
        return value
    return uuid.uuid4().hex


class RequestId:
    """Puts a request id into `scope["state"]` and the `X-Request-ID` header.

    Resolvers and log lines read it from the request's state; the caller gets
    it back on the response to quote when it reports a problem.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one HTTP or WebSocket connection; pass anything else through."""
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        request_id = accept_request_id(Headers(scope=scope).get(REQUEST_ID_HEADER))
        # A copy: the server may share the state dict of its lifespan.
        state = {**scope.get("state", {}), "request_id": request_id}
        scope = {**scope, "state": state}

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = request_id
            await send(message)

        await self.app(scope, receive, send_with_id)
