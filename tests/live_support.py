"""The real app on a real socket, and a small graphql-transport-ws client.

Subscriptions need a WebSocket, which httpx's in-process transport does not
speak; so these tests run uvicorn in the test's own event loop, on a free
port of 127.0.0.1, and talk to it with the `websockets` client.
"""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import uvicorn
from starlette.applications import Starlette
from websockets.asyncio.client import ClientConnection, connect

PROTOCOL = "graphql-transport-ws"
# How long a test waits for a message that must come.
WAIT_SECONDS = 10.0


@dataclass
class LiveServer:
    """A running app: its base URLs and the app itself."""

    app: Starlette
    port: int

    @property
    def http(self) -> str:
        """The base URL for HTTP requests."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws(self) -> str:
        """The URL of GraphQL over WebSocket."""
        return f"ws://127.0.0.1:{self.port}/graphql"


@asynccontextmanager
async def serve(app: Starlette) -> AsyncIterator[LiveServer]:
    """Run uvicorn with `app` until the block ends."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    config = uvicorn.Config(app, log_config=None, lifespan="on", ws="websockets-sansio")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[listener]))
    try:
        while not server.started:
            if task.done():
                task.result()
            await asyncio.sleep(0.01)
        yield LiveServer(app, port)
    finally:
        server.should_exit = True
        await task
        listener.close()


class GraphQLSocket:
    """One graphql-transport-ws connection: init, subscribe, read messages."""

    def __init__(self, connection: ClientConnection) -> None:
        self.connection = connection

    async def send(self, message: Mapping[str, Any]) -> None:
        """Send one protocol message."""
        await self.connection.send(json.dumps(message))

    async def receive(self, seconds: float = WAIT_SECONDS) -> dict[str, Any]:
        """The next message; TimeoutError when none comes in time."""
        async with asyncio.timeout(seconds):
            raw = await self.connection.recv()
        message: dict[str, Any] = json.loads(raw)
        return message

    async def init(self, payload: Mapping[str, Any]) -> dict[str, Any]:
        """Open the connection with this `connection_init` payload."""
        await self.send({"type": "connection_init", "payload": dict(payload)})
        return await self.receive()

    async def subscribe(self, id: str, query: str, **variables: Any) -> None:
        """Start one subscription."""
        payload = {"query": query, "variables": variables}
        await self.send({"type": "subscribe", "id": id, "payload": payload})

    async def next_of(self, id: str, seconds: float = WAIT_SECONDS) -> Any:
        """The next message for subscription `id`, answering pings on the way."""
        while True:
            message = await self.receive(seconds)
            if message["type"] == "ping":
                await self.send({"type": "pong"})
                continue
            if message.get("id") == id:
                return message


@asynccontextmanager
async def graphql_socket(
    url: str, headers: Mapping[str, str] | None = None
) -> AsyncIterator[GraphQLSocket]:
    """A WebSocket to `url` speaking graphql-transport-ws."""
    async with connect(
        url,
        subprotocols=[PROTOCOL],
        additional_headers=headers,  # type: ignore[list-item]
    ) as connection:
        yield GraphQLSocket(connection)
