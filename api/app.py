"""The Starlette application: GraphQL, health, readiness, metrics, its lifespan."""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError

from api.auth import Authenticator, TokenConfig, guard_graphql, principal_of
from api.limits_http import request_limits
from api.metrics import ServiceMetrics
from api.middleware import RequestId
from api.settings import Settings
from api.subscriptions import WebSocketCredentials, authenticate_connection
from graph.database import Database
from graph.events import ChangeBus
from graph.runtime import Graph, GraphConfig, open_graph
from graph.summarizer import Summarizer
from resolvers.context import Context
from resolvers.limits import limit_extensions
from resolvers.observability import OperationObserver
from resolvers.schema import build_schema
from resolvers.subscriptions import LiveContext
from sir.errors import SirError, Unavailable

logger = logging.getLogger("sir.api")

StartupHook = Callable[[Graph], Awaitable[None]]


@dataclass
class ServiceState:
    """What the running service holds between requests."""

    settings: Settings
    graph: Graph | None = None
    on_startup: list[StartupHook] = field(default_factory=list)
    # State changes for GraphQL subscriptions (graph/events.py).
    events: ChangeBus = field(default_factory=ChangeBus)

    def require_graph(self) -> Graph:
        """The connected graph, or `Unavailable` while starting or stopping."""
        if self.graph is None:
            raise Unavailable("The service is not connected to its database yet.")
        return self.graph


class SirGraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI app, with our per-request context."""

    def __init__(
        self,
        state: ServiceState,
        *,
        observers: Sequence[OperationObserver] = (),
        authenticator: Authenticator | None = None,
        **options: object,
    ) -> None:
        limits = limit_extensions(request_limits(state.settings))
        schema = build_schema(observers=observers, extensions=limits)
        super().__init__(schema, **options)  # type: ignore[arg-type]
        self.state = state
        self.authenticator = authenticator

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        database = self.state.require_graph().database
        principal = principal_of(request)
        if isinstance(request, WebSocket):
            return LiveContext(
                database=database,
                request=request,
                principal=principal,
                events=self.state.events,
            )
        return Context(database=database, request=request, principal=principal)

    async def on_ws_connect(self, context: Context) -> None:
        """Authenticate a subscription connection from its `connection_init`."""
        if not isinstance(context, LiveContext) or self.authenticator is None:
            raise ConnectionRejectionError({"reason": "Subscriptions are off."})
        await authenticate_connection(context, self.authenticator)


def watch_events(events: ChangeBus) -> StartupHook:
    """Start-up hook: announce the commits of the graph the app opened."""

    async def hook(graph: Graph) -> None:
        events.watch(graph.database)

    return hook


def graph_config(settings: Settings) -> GraphConfig:
    """The part of the settings that says where the graph lives."""
    password = settings.database_password
    return GraphConfig(
        uri=settings.database_uri,
        user=settings.database_user,
        password=password.get_secret_value() if password else None,
        name=settings.database_name,
        data_dir=settings.data_dir,
        heap=settings.embedded_heap,
        start_timeout=settings.embedded_start_timeout,
        embedded_database=settings.embedded_database,
        transaction_timeout=settings.transaction_timeout,
        write_retries=settings.write_retries,
        uplift_ttl=settings.intel_uplift_ttl,
        summary_from=settings.summary_from,
    )


# The built web app (`frontend/dist`): beside the packages in a checkout, or
# under the working folder where an installed package runs (the Docker image).
WEB_APP_DIRS = (
    Path(__file__).resolve().parent.parent / "frontend" / "dist",
    Path("frontend") / "dist",
)
WEB_APP_MISSING = """<!doctype html><meta charset="utf-8"><title>SiR</title>
<h1>The SiR web app is not built</h1>
<p>Build it with <code>./scripts/setup.sh</code>, or
<code>cd frontend &amp;&amp; npm ci &amp;&amp; npm run build</code>, then restart the
service. The GraphQL API is at <a href="/graphql">/graphql</a>.</p>
"""


def web_app() -> StaticFiles | Response:
    """The web app's files, or a page that says how to build them."""
    for folder in WEB_APP_DIRS:
        if (folder / "index.html").is_file():
            return StaticFiles(directory=folder, html=True)
    return HTMLResponse(WEB_APP_MISSING, status_code=503)


def create_app(settings: Settings, graph: Graph | None = None) -> Starlette:
    """Build the app; with `graph` given it is used as is and not stopped."""
    state = ServiceState(settings=settings, graph=graph)

    @asynccontextmanager
    async def summarizing(database: Database) -> AsyncIterator[None]:
        # Keeps large organizations' summaries fresh (graph/summarizer.py).
        summarizer = Summarizer(
            database,
            interval=settings.summary_interval,
            max_age=settings.summary_max_age,
        )
        summarizer.start()
        try:
            yield
        finally:
            await summarizer.stop()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if graph is not None:
            async with summarizing(graph.database):
                yield
            return
        config = graph_config(settings)
        async with open_graph(
            config, run_migrations=settings.migrate_on_start
        ) as opened:
            state.graph = opened
            for hook in state.on_startup:
                await hook(opened)
            logger.info("service ready on %s", opened.description)
            try:
                async with summarizing(opened.database):
                    yield
            finally:
                state.graph = None

    async def health(request: Request) -> JSONResponse:
        # The process id tells apart the workers of `sir serve --workers N`.
        return JSONResponse({"status": "ok", "pid": os.getpid()})

    async def ready(request: Request) -> JSONResponse:
        try:
            current = state.require_graph()
            await current.database.ping()
        except SirError as error:
            return JSONResponse(
                {"status": "unavailable", "reason": str(error)}, status_code=503
            )
        return JSONResponse({"status": "ready", "database": current.description})

    metrics = ServiceMetrics(lambda: state.graph, embedded=settings.embedded)
    if graph is not None:
        metrics.watch(graph.database)
        state.events.watch(graph.database)
    else:
        state.on_startup.append(metrics.watch_graph)
        state.on_startup.append(watch_events(state.events))
    authenticator = Authenticator(
        TokenConfig.from_settings(settings), lambda: state.require_graph().database
    )
    graphql = SirGraphQL(
        state,
        observers=[metrics.observe_operation],
        authenticator=authenticator,
        graphql_ide="graphiql" if settings.graphiql else None,
    )
    app = Starlette(
        routes=[
            Route("/health", health),
            Route("/ready", ready),
            Route(
                "/graphql",
                guard_graphql(
                    graphql, settings, lambda: state.require_graph().database
                ),
                methods=["GET", "POST"],
            ),
            # Subscriptions: graphql-transport-ws (api/subscriptions.py).
            WebSocketRoute("/graphql", WebSocketCredentials(graphql, authenticator)),
            Route("/metrics", metrics.endpoint),
            # Last: the web app answers every path that no route above took.
            Mount("/", app=web_app(), name="web"),
        ],
        middleware=[Middleware(RequestId)],
        lifespan=lifespan,
    )
    app.state.service = state
    return app
