"""Limits at the HTTP door: body size, and the GraphQL limits from the settings."""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.settings import Settings
from resolvers.limits import Limits


class BodySizeLimit:
    """ASGI middleware: answer 413 to a request body over `max_bytes`.

    A declared `Content-Length` over the limit is refused at once; a body
    sent in chunks is read up to the limit and refused as soon as it passes
    it, so that an oversized body is never held in memory whole.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on if its body fits, else answer 413."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length") or ""
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self.refuse(scope, receive, send)
            return
        messages = await self.read_body(receive)
        if messages is None:
            await self.refuse(scope, receive, send)
            return
        await self.app(scope, replay(messages, receive), send)

    async def read_body(self, receive: Receive) -> list[Message] | None:
        """The body's messages, or None once they pass the limit."""
        messages: list[Message] = []
        size = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                return messages
            size += len(message.get("body", b""))
            if size > self.max_bytes:
                return None
            if not message.get("more_body", False):
                return messages

    async def refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer 413 with the limit in words."""
        response = JSONResponse(
            {
                "error": "payload_too_large",
                "reason": (
                    f"The request body is larger than {self.max_bytes} bytes, "
                    "the limit of this service."
                ),
            },
            status_code=413,
        )
        await response(scope, receive, send)


def replay(messages: list[Message], receive: Receive) -> Receive:
    """A `receive` that hands out the messages already read, then the rest."""
    pending = list(messages)

    async def replayed() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replayed


def request_limits(settings: Settings) -> Limits:
    """The GraphQL limits of these settings, for `resolvers.limits`."""
    return Limits(
        max_depth=settings.max_query_depth,
        max_aliases=settings.max_aliases,
        max_tokens=settings.max_tokens,
        max_cost=settings.max_query_cost,
        max_page_size=settings.max_page_size,
        introspection=settings.introspection,
    )
