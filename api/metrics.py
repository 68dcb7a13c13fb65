"""Prometheus metrics of one app, served at `/metrics`.

Each app has its own registry rather than the process-wide default one, so
that two apps in one process (as in the tests) count separately.

With `sir serve --workers N` the parent sets `PROMETHEUS_MULTIPROC_DIR`
before the workers start (`api.workers`): each worker then writes its
counters and histograms to files there (prometheus_client's multiprocess
mode), and a scrape of `/metrics`, whichever worker answers it, adds up the
files of all of them.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable, Iterable
from typing import Any, Final

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from starlette.requests import Request
from starlette.responses import Response

from graph.database import Database
from graph.runtime import Graph
from resolvers.observability import OperationReport

# Operation names come from clients; past this many distinct names the rest
# are counted under one label, so that a client cannot grow the registry.
MAX_OPERATION_NAMES: Final = 200
OTHER_OPERATIONS: Final = "other"

OPERATION_BUCKETS: Final = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
TRANSACTION_BUCKETS: Final = (
    *(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25),
    *(0.5, 1, 2.5, 5, 15),
)

# Set by `sir serve --workers N`: the folder of prometheus_client's
# multiprocess mode.
MULTIPROCESS_DIR: Final = "PROMETHEUS_MULTIPROC_DIR"


class ServiceMetrics:
    """The service's counters and histograms, and the `/metrics` endpoint."""

    def __init__(self, graph: Callable[[], Graph | None], *, embedded: bool) -> None:
        self.registry = CollectorRegistry()
        self._operation_names: set[str] = set()
        self.requests = Counter(
            "sir_graphql_requests",
            "GraphQL operations handled, by operation name.",
            ["operation"],
            registry=self.registry,
        )
        self.errors = Counter(
            "sir_graphql_errors",
            "GraphQL operations that returned an error, by operation and code.",
            ["operation", "code"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "sir_graphql_duration_seconds",
            "Time from receiving a GraphQL operation to its result, by operation.",
            ["operation"],
            buckets=OPERATION_BUCKETS,
            registry=self.registry,
        )
        self.transactions = Histogram(
            "sir_db_transaction_duration_seconds",
            "Time of database transactions, by kind (read, write) and outcome.",
            ["kind", "outcome"],
            buckets=TRANSACTION_BUCKETS,
            registry=self.registry,
        )
        self.retries = Counter(
            "sir_db_retries",
            "Database transactions run again after a clash with a concurrent write.",
            registry=self.registry,
        )
        self.server = ServerCollector(graph, embedded=embedded)
        self.registry.register(self.server)

    def observe_operation(self, report: OperationReport) -> None:
        """Count one GraphQL operation, its errors and its duration."""
        name = self._operation_label(report.name)
        self.requests.labels(name).inc()
        self.latency.labels(name).observe(report.seconds)
        for code in report.error_codes:
            self.errors.labels(name, code).inc()

    def watch(self, database: Database) -> None:
        """Time every transaction of `database` for as long as these metrics live.

        The observer is removed when this object is garbage collected, so that a
        database that outlives many apps (as in the tests) does not keep feeding
        the histograms of apps that are gone.
        """
        histogram, retries = self.transactions, self.retries

        def observe(kind: str, seconds: float, outcome: str) -> None:
            histogram.labels(kind, outcome).observe(seconds)

        def retried() -> None:
            retries.inc()

        observers = database.stats.observers
        observers.append(observe)
        weakref.finalize(self, _discard, observers, observe)
        retry_observers = database.stats.retry_observers
        retry_observers.append(retried)
        weakref.finalize(self, _discard, retry_observers, retried)

    async def watch_graph(self, graph: Graph) -> None:
        """Start-up hook of the app: watch the database it has just opened."""
        self.watch(graph.database)

    async def endpoint(self, request: Request) -> Response:
        """`GET /metrics`: every metric in Prometheus' text format."""
        registry = self.registry
        if os.environ.get(MULTIPROCESS_DIR):
            # The files of every worker process, this one's included.
            registry = CollectorRegistry()
            # prometheus_client leaves this constructor unannotated.
            collect = multiprocess.MultiProcessCollector
            collect(registry)  # type: ignore[no-untyped-call]
            registry.register(self.server)
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)

    def _operation_label(self, name: str) -> str:
        if name in self._operation_names:
            return name
        if len(self._operation_names) >= MAX_OPERATION_NAMES:
            return OTHER_OPERATIONS
        self._operation_names.add(name)
        return name


class ServerCollector(Collector):
    """Whether the embedded server is up, read when scraped."""

    def __init__(self, graph: Callable[[], Graph | None], *, embedded: bool) -> None:
        self._graph = graph
        self._embedded = embedded

    def collect(self) -> Iterable[Metric]:
        """The gauge, unless the database is an external Neo4j."""
        graph = self._graph()
        server = graph.server if graph else None
        # An external Neo4j is not ours to watch: the gauge is left out.
        if self._embedded or server is not None:
            up = GaugeMetricFamily(
                "sir_embedded_server_up",
                "1 while the embedded ArcadeDB server process is alive, else 0.",
            )
            up.add_metric([], 1 if server is not None and server.running else 0)
            yield up


def _discard(observers: list[Any], observer: Any) -> None:
    if observer in observers:
        observers.remove(observer)
