"""Access to the graph database: one async driver per process."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC
from typing import Any, TypeVar

import neo4j
from neo4j import exceptions as neo4j_errors

from graph.cypher import Queries, queries
from graph.uplift_memory import UpliftMemory
from sir.errors import Conflict, Unavailable

logger = logging.getLogger("sir.graph")

Row = dict[str, Any]
Step = tuple[str, Mapping[str, Any]]
T = TypeVar("T")

CONNECT_POLL_SECONDS = 0.2
DATABASE_NOT_FOUND = "Neo.ClientError.Database.DatabaseNotFound"
# The server cut a transaction off at its timeout: Neo4j's codes, which
# ArcadeDB also uses for its `arcadedb.command.timeout`.
TIMED_OUT = "Neo.ClientError.Transaction.TransactionTimedOut"
# A record the statement reached is not there: on the embedded server, one
# that a concurrent transaction has not committed yet.
GONE = "Neo.ClientError.Statement.EntityNotFound"
# Transient failures of a transaction that clashed with others (deadlocks,
# locks, and the embedded server's concurrent modifications); other transient
# failures mean the database is busy or changing leader.
TRANSACTION_CLASH = "Neo.TransientError.Transaction."


@dataclass
class QueryStats:
    """Counters that tests and metrics read: round trips, retries, time spent."""

    round_trips: int = 0
    retries: int = 0
    seconds: float = 0.0
    observers: list[Callable[[str, float, str], None]] = field(default_factory=list)
    # Told each time a transaction is run again after a conflict.
    retry_observers: list[Callable[[], None]] = field(default_factory=list)

    def record(self, kind: str, started: float, outcome: str) -> None:
        """Count one transaction and tell the observers how long it took."""
        elapsed = time.perf_counter() - started
        self.seconds += elapsed
        for observer in self.observers:
            observer(kind, elapsed, outcome)


class Database:
    """Runs the statements of `cypher/` in read or write transactions."""

    def __init__(
        self,
        driver: neo4j.AsyncDriver,
        name: str | None,
        *,
        timeout: float = 15.0,
        retries: int = 5,
        statements: Queries | None = None,
        uplift_ttl: float = 0.0,
        summary_from: int | None = None,
    ) -> None:
        self.driver = driver
        self.name = name
        self.timeout = timeout
        self.retries = retries
        self.statements = statements if statements is not None else queries()
        self.stats = QueryStats()
        # Told the names of the statements of each committed write transaction.
        self.committed: list[Callable[[frozenset[str]], None]] = []
        self.uplift = UpliftMemory(uplift_ttl)
        # Organizations with at least this many relationships are read from
        # their summary (graph/summaries.py); None reads every one live.
        self.summary_from = summary_from
        self.committed.append(self._forget_uplift)

    @classmethod
    def connect(
        cls,
        uri: str,
        user: str,
        password: str,
        name: str | None,
        **options: Any,
    ) -> Database:
        """Create the driver for a Bolt or Neo4j URI; no I/O happens yet."""
        driver = neo4j.AsyncGraphDatabase.driver(
            uri,
            auth=(user, password),
            max_connection_pool_size=options.pop("pool_size", 50),
        )
        return cls(driver, name, **options)

    async def close(self) -> None:
        """Close every pooled connection."""
        await self.driver.close()

    async def wait_until_ready(
        self, bound: float, alive: Callable[[], None] | None = None
    ) -> None:
        """Poll until the database answers a query, for at most `bound` seconds.

        `alive` is called between attempts and may raise to stop waiting early,
        for example when the embedded server process has died.
        """
        deadline = time.monotonic() + bound
        while True:
            try:
                # First without the driver's own retries, which would log a
                # warning for every refused connection while a server starts.
                await self._connect_once()
                await self.ping()
                return
            except Unavailable:
                if alive is not None:
                    alive()
                if time.monotonic() >= deadline:
                    raise
                await asyncio.sleep(CONNECT_POLL_SECONDS)

    async def _connect_once(self) -> None:
        try:
            await self.driver.verify_connectivity()
        except (neo4j_errors.ServiceUnavailable, OSError) as error:
            raise Unavailable(f"The graph database is not reachable: {error}") from None

    async def ping(self) -> None:
        """Run the smallest query; raise `Unavailable` if the database is down."""
        await self.read("system/ping")

    async def read(self, name: str, **params: Any) -> list[Row]:
        """Run one statement in a read transaction (routed to a secondary)."""

        async def work(tx: Transaction) -> list[Row]:
            return await tx.run(name, **params)

        return await self.read_transaction(work, label=name)

    async def write(self, name: str, **params: Any) -> list[Row]:
        """Run one statement in a write transaction, retried on a key race."""

        async def work(tx: Transaction) -> list[Row]:
            return await tx.run(name, **params)

        return await self.write_transaction(work, label=name)

    async def write_all(self, steps: Sequence[Step]) -> list[list[Row]]:
        """Run several statements in one write transaction: all or nothing."""

        async def work(tx: Transaction) -> list[list[Row]]:
            return [await tx.run(name, **params) for name, params in steps]

        label = ",".join(name for name, _ in steps)
        return await self.write_transaction(work, label=label)

    async def read_transaction(
        self, work: Callable[[Transaction], Awaitable[T]], *, label: str = "read"
    ) -> T:
        """Run `work` in one read transaction; it may run several statements."""
        return await self._run("read", label, self._bind(work), self._read_tx)

    async def write_transaction(
        self, work: Callable[[Transaction], Awaitable[T]], *, label: str = "write"
    ) -> T:
        """Run `work` in one write transaction, all or nothing.

        The whole of `work` is run again when the transaction lost a race on a
        new key, so it must be idempotent: MERGE, never CREATE.
        """
        ran: set[str] = set()
        result = await self._run("write", label, self._bind(work, ran), self._write_tx)
        statements = frozenset(ran)
        for observer in self.committed:
            observer(statements)
        return result

    def _forget_uplift(self, statements: frozenset[str]) -> None:
        self.uplift.forget_after(statements)

    def _bind(
        self, work: Callable[[Transaction], Awaitable[T]], ran: set[str] | None = None
    ) -> Callable[[neo4j.AsyncManagedTransaction], Awaitable[T]]:
        async def bound(tx: neo4j.AsyncManagedTransaction) -> T:
            return await work(Transaction(tx, self, ran))

        return bound

    async def _read_tx(
        self, work: Callable[[neo4j.AsyncManagedTransaction], Awaitable[T]]
    ) -> T:
        async with self._session() as session:
            return await session.execute_read(self._timed(work))

    async def _write_tx(
        self, work: Callable[[neo4j.AsyncManagedTransaction], Awaitable[T]]
    ) -> T:
        async with self._session() as session:
            return await session.execute_write(self._timed(work))

    def _session(self) -> neo4j.AsyncSession:
        return self.driver.session(database=self.name)

    def _timed(
        self, work: Callable[[neo4j.AsyncManagedTransaction], Awaitable[T]]
    ) -> Callable[[neo4j.AsyncManagedTransaction], Awaitable[T]]:
        return neo4j.unit_of_work(timeout=self.timeout)(work)

    async def _run(
        self,
        kind: str,
        name: str,
        work: Callable[[neo4j.AsyncManagedTransaction], Awaitable[T]],
        runner: Callable[
            [Callable[[neo4j.AsyncManagedTransaction], Awaitable[T]]], Awaitable[T]
        ],
    ) -> T:
        for attempt in range(self.retries + 1):
            started = time.perf_counter()
            try:
                async with asyncio.timeout(self.timeout):
                    result = await runner(work)
            except neo4j_errors.TransientError as error:
                # The driver retried it until its own retry time ran out.
                if (error.code or "").startswith(TRANSACTION_CLASH):
                    self.stats.record(kind, started, "conflict")
                    raise Conflict(
                        f"The database kept refusing {name} because of "
                        f"concurrent writes; send it again: {error.message}"
                    ) from error
                self.stats.record(kind, started, "unavailable")
                raise Unavailable(
                    f"The database could not run {name} for now; send it "
                    f"again: {error.message}"
                ) from error
            except TimeoutError:
                self.stats.record(kind, started, "timeout")
                raise Unavailable(
                    f"The database did not finish {name} within {self.timeout:g} s."
                ) from None
            except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired) as e:
                self.stats.record(kind, started, "unavailable")
                raise Unavailable(f"The graph database is not reachable: {e}") from e
            except OSError as e:
                self.stats.record(kind, started, "unavailable")
                raise Unavailable(f"The graph database is not reachable: {e}") from e
            except neo4j_errors.ClientError as e:
                if isinstance(e, neo4j_errors.ConstraintError) or e.code == GONE:
                    await self._before_retry(e, kind, name, started, attempt)
                    continue
                if (e.code or "").startswith(TIMED_OUT):
                    self.stats.record(kind, started, "timeout")
                    raise Unavailable(
                        f"The database stopped {name} at its transaction timeout."
                    ) from None
                if e.code != DATABASE_NOT_FOUND:
                    raise
                # A server that is still starting answers Bolt before it has
                # opened its databases.
                self.stats.record(kind, started, "unavailable")
                raise Unavailable(f"The graph database is not open: {e.message}") from e
            self.stats.record(kind, started, "ok")
            return result
        raise AssertionError("unreachable")  # pragma: no cover

    async def _before_retry(
        self,
        error: neo4j_errors.ClientError,
        kind: str,
        name: str,
        started: float,
        attempt: int,
    ) -> None:
        """Count a clash with a concurrent write; give up after the last try.

        The driver does not retry these: a MERGE that lost a race on a new key
        (a constraint error) or, on the embedded server, a record that a
        concurrent commit has not made visible yet.
        """
        self.stats.record(kind, started, "conflict")
        if attempt == self.retries:
            raise Conflict(
                f"The write {name} kept conflicting with concurrent "
                f"writes: {error.message}"
            ) from error
        self.stats.retries += 1
        for observer in self.stats.retry_observers:
            observer()
        logger.warning(
            "retrying %s after it clashed with a concurrent write (try %d): %s",
            name,
            attempt + 1,
            error.code,
        )
        await asyncio.sleep(0.01 * (attempt + 1))


class Transaction:
    """One open transaction; runs statements of `cypher/` by name."""

    def __init__(
        self,
        tx: neo4j.AsyncManagedTransaction,
        database: Database,
        ran: set[str] | None = None,
    ) -> None:
        self._tx = tx
        self._database = database
        self._ran = ran

    async def run(self, name: str, **params: Any) -> list[Row]:
        """Run one statement and return its rows as plain Python values."""
        text = self._database.statements[name]
        if self._ran is not None:
            self._ran.add(name)
        self._database.stats.round_trips += 1
        result = await self._tx.run(text, params)
        return [native_row(record) async for record in result]


# Values that need no conversion: checked by exact type, the fast way.
PLAIN = frozenset({str, int, float, bool, type(None)})
# Values that only `Record.data()` turns into plain maps and lists.
GRAPH_VALUES = (neo4j.graph.Node, neo4j.graph.Relationship, neo4j.graph.Path)


def native_row(record: neo4j.Record) -> Row:
    """One record as plain Python values, datetimes in UTC.

    Statements return maps and lists, which need no conversion but their
    temporal values; the driver's own recursive `data()` is kept for the
    few (the Bloom phrases) that return nodes or paths.
    """
    if any(isinstance(value, GRAPH_VALUES) for value in record.values()):
        return to_native(record.data())  # type: ignore[no-any-return]
    pairs = zip(record.keys(), record.values(), strict=True)
    return {key: to_native(value) for key, value in pairs}


def to_native(value: Any) -> Any:
    """Turn the driver's temporal values into Python's, recursively.

    Datetimes come back in UTC. ArcadeDB hands back datetimes that were
    written as parameters without their zone; they were written in UTC, so a
    naive one is read as UTC.
    """
    kind = type(value)
    if kind in PLAIN:
        return value
    if kind is list and all(type(item) in PLAIN for item in value):
        # Lists of ids and features, the most common value of large rows.
        return value
    if isinstance(value, dict):
        return {key: to_native(item) for key, item in value.items()}
    if isinstance(value, list):
        return [to_native(item) for item in value]
    if isinstance(value, neo4j.time.DateTime):
        moment = value.to_native()
        if moment.tzinfo is None:
            return moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC)
    if isinstance(value, neo4j.time.Date):
        return value.to_native()
    return value
