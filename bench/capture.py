"""The raw Cypher of a request: learn what the service runs, replay it bare.

To compare the service with "the same work as raw Cypher", the suite does
not write that Cypher a second time (it would drift from the resolvers).
It runs the request once through the app in this process, records every
statement with its parameters, grouped by transaction and by kind (read or
write), and replays exactly those through the driver: one session and one
managed transaction per recorded transaction, every record fetched, no
GraphQL, no model, no conversion of values. What remains between the two is
the service's own cost: HTTP, auth, parsing and validation, resolvers, the
conversion of rows, the SiR model where a request runs it.

The recording hooks `graph.database` for the length of one `with` block;
they are the suite's instrument, never part of the service.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import neo4j

from graph import database as database_module
from graph.cypher import queries
from graph.database import Database

Work = Callable[[neo4j.AsyncManagedTransaction], Awaitable[Any]]


@dataclass
class Unit:
    """One recorded transaction: its kind and its statements in order."""

    write: bool
    statements: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


_current: contextvars.ContextVar[Unit | None] = contextvars.ContextVar(
    "bench_unit", default=None
)


@contextlib.contextmanager
def recording() -> Iterator[list[Unit]]:
    """Record the transactions that `Database` runs in this process."""
    units: list[Unit] = []
    cls = database_module.Database
    read_tx, write_tx = cls._read_tx, cls._write_tx
    run = database_module.Transaction.run

    def opener(write: bool, original: Any) -> Any:
        async def open_unit(self: Database, work: Work) -> Any:
            unit = Unit(write)
            units.append(unit)
            token = _current.set(unit)
            try:
                return await original(self, work)
            finally:
                _current.reset(token)

        return open_unit

    async def recorded_run(
        self: database_module.Transaction, name: str, **params: Any
    ) -> Any:
        unit = _current.get()
        if unit is not None:
            unit.statements.append((name, dict(params)))
        return await run(self, name, **params)

    cls._read_tx = opener(False, read_tx)  # type: ignore[method-assign]
    cls._write_tx = opener(True, write_tx)  # type: ignore[method-assign]
    database_module.Transaction.run = recorded_run  # type: ignore[method-assign]
    try:
        yield units
    finally:
        cls._read_tx = read_tx  # type: ignore[method-assign]
        cls._write_tx = write_tx  # type: ignore[method-assign]
        database_module.Transaction.run = run  # type: ignore[method-assign]


def replay(database: Database, units: list[Unit]) -> Callable[[], Awaitable[None]]:
    """A call that runs the recorded transactions through the driver, bare."""
    texts = queries()
    prepared = [
        (unit.write, [(texts[name], params) for name, params in unit.statements])
        for unit in units
    ]

    async def call() -> None:
        for write, statements in prepared:
            await run_bare(database, write, statements)

    return call


async def run_bare(
    database: Database, write: bool, statements: list[tuple[str, dict[str, Any]]]
) -> None:
    """Run statements in one managed transaction, fetching every record."""

    async def work(tx: neo4j.AsyncManagedTransaction) -> None:
        for text, params in statements:
            result = await tx.run(text, params)
            async for _record in result:
                pass

    async with database.driver.session(database=database.name) as session:
        if write:
            await session.execute_write(work)
        else:
            await session.execute_read(work)


def round_trips(units: list[Unit]) -> dict[str, int]:
    """Transactions and statements of a recorded request."""
    return {
        "transactions": len(units),
        "statements": sum(len(unit.statements) for unit in units),
    }


def names(units: list[Unit]) -> list[str]:
    """The statements of a recorded request, by name, in order."""
    return [name for unit in units for name, _ in unit.statements]
