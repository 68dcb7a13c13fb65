"""Relationship states that changed, told to the subscribers of this process.

How a state change travels, from a write to a GraphQL subscription:

1. `graph.states.refresh_states` stores new states inside a write transaction
   and `stage`s the ids of their Relationships for that transaction.
2. A `ChangeBus` that `watch`es the database sees every transaction end. When
   a write transaction committed, the staged ids go to every bus of that
   database; when it failed (or is about to be retried) they are dropped, so
   nothing that was rolled back is ever announced.
3. Each bus's dispatcher task reads the committed Relationships in one
   statement and puts each row into the bounded queue of every subscriber of
   its organization. Writers only append to a bounded inbox and never wait
   for a reader: a subscriber that falls behind loses its oldest changes.

Several API processes (`sir serve --workers N`, or replicas behind a load
balancer) share no memory, so a write in one process is not staged in the
others. Each dispatcher therefore also polls the graph every `poll_seconds`
for Relationships whose `stateAt` moved (`cypher/events`), and announces what
it had not seen yet; the poll finds at most `POLL_LIMIT` states at a time.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import weakref
from collections.abc import AsyncIterator, Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Final

from graph.database import Database, Row, Transaction
from sir.errors import SirError

logger = logging.getLogger("sir.events")

# Changes a subscriber may hold unread before its oldest are dropped.
SUBSCRIBER_QUEUE: Final = 256
# Committed batches of ids waiting for the dispatcher, before the oldest go.
INBOX_SIZE: Final = 1024
POLL_SECONDS: Final = 2.0
POLL_LIMIT: Final = 1000
# A poll looks this far behind its last run: a state is stamped when it is
# computed, a moment before its transaction commits, and clocks of several
# machines differ a little.
POLL_LOOKBACK: Final = timedelta(seconds=10)

# The ids staged by the write transaction running in this task.
_staged: ContextVar[list[str] | None] = ContextVar("sir_staged_states", default=None)


class _Feed:
    """The buses of one database and the observer that hands them commits."""

    def __init__(self) -> None:
        self.buses: weakref.WeakSet[ChangeBus] = weakref.WeakSet()

    def observe(self, kind: str, seconds: float, outcome: str) -> None:
        # Called by the database at the end of every transaction of this task,
        # after the commit when outcome is "ok".
        staged = _staged.get()
        if not staged:
            return
        ids = list(staged)
        staged.clear()
        if kind == "write" and outcome == "ok":
            for bus in list(self.buses):
                bus.offer(ids)


_feeds: weakref.WeakKeyDictionary[Database, _Feed] = weakref.WeakKeyDictionary()


def stage(tx: Transaction, relationship_ids: Iterable[str]) -> None:
    """Note Relationships whose state this write transaction stores.

    They are announced when the transaction commits. Nothing is kept when no
    bus watches the database, as for `sir profile` in a process of its own.
    """
    if tx._database not in _feeds:
        return
    staged = _staged.get()
    if staged is None:
        staged = []
        _staged.set(staged)
    staged.extend(relationship_ids)


@dataclass(eq=False)
class Subscriber:
    """One subscription's queue of committed Relationship rows."""

    organization_id: str | None
    queue: asyncio.Queue[Row] = field(
        default_factory=lambda: asyncio.Queue(SUBSCRIBER_QUEUE)
    )
    dropped: int = 0
    # False while the subscription takes its first look at the graph: what
    # changes before it is ready counts as what was there already.
    ready: bool = True

    def wants(self, row: Row) -> bool:
        """Whether the row belongs to this subscriber's organization."""
        return self.organization_id in (None, row.get("organization"))

    def put(self, row: Row) -> None:
        """Queue a row without waiting; drop the oldest one when full."""
        if self.queue.full():
            self.queue.get_nowait()
            self.dropped += 1
            if self.dropped == 1:
                logger.warning(
                    "a subscriber fell behind; its oldest changes are dropped",
                    extra={"organization": self.organization_id},
                )
        self.queue.put_nowait(row)

    async def next_rows(self) -> list[Row]:
        """Wait for one change, then take every other one already queued."""
        rows = [await self.queue.get()]
        while not self.queue.empty():
            rows.append(self.queue.get_nowait())
        return rows


class ChangeBus:
    """The state changes of one database, for the subscribers of one app."""

    def __init__(self, *, poll_seconds: float | None = POLL_SECONDS) -> None:
        self.poll_seconds = poll_seconds
        self.database: Database | None = None
        self._subscribers: set[Subscriber] = set()
        self._inbox: asyncio.Queue[list[str]] | None = None
        self._task: asyncio.Task[None] | None = None
        # Relationship id -> the newest stateAt announced, so that a change
        # seen both locally and by the poll is announced once.
        self._announced: dict[str, datetime] = {}
        self._cursor = datetime.now(UTC)

    @property
    def subscribers(self) -> int:
        """How many subscriptions listen now, their first look taken."""
        return sum(1 for subscriber in self._subscribers if subscriber.ready)

    def watch(self, database: Database) -> None:
        """Receive the commits of `database` from now on."""
        feed = _feeds.get(database)
        if feed is None:
            feed = _feeds[database] = _Feed()
            database.stats.observers.append(feed.observe)
        feed.buses.add(self)
        self.database = database

    def offer(self, ids: list[str]) -> None:
        """Take the ids of one commit; never waits, even when no one reads."""
        if not self._subscribers or self._inbox is None:
            return
        if self._inbox.full():
            self._inbox.get_nowait()
            logger.warning("the change inbox is full; the oldest commit is dropped")
        self._inbox.put_nowait(ids)

    @contextlib.asynccontextmanager
    async def subscribe(self, organization_id: str | None) -> AsyncIterator[Subscriber]:
        """A subscriber of one organization (None: all) for the block's length."""
        if self.database is None:
            raise SirError("The change bus watches no database yet.")
        subscriber = Subscriber(organization_id)
        self._subscribers.add(subscriber)
        self._start()
        try:
            yield subscriber
        finally:
            self._subscribers.discard(subscriber)
            if not self._subscribers:
                await self._stop()

    def _start(self) -> None:
        if self._task is not None:
            return
        self._inbox = asyncio.Queue(INBOX_SIZE)
        self._cursor = datetime.now(UTC)
        self._task = asyncio.create_task(self._dispatch(), name="sir-change-bus")

    async def _stop(self) -> None:
        task, self._task, self._inbox = self._task, None, None
        self._announced.clear()
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _dispatch(self) -> None:
        """Read and hand out committed changes, and poll, until stopped."""
        inbox = self._inbox
        assert inbox is not None  # noqa: S101 - set by _start
        loop = asyncio.get_running_loop()
        next_poll = loop.time() + (self.poll_seconds or 0)
        while True:
            try:
                wait = next_poll - loop.time() if self.poll_seconds else None
                ids = await _get_within(inbox, wait)
                if ids is not None:
                    await self._read_and_deliver(ids, inbox)
                if self.poll_seconds and loop.time() >= next_poll:
                    await self._poll()
                    next_poll = loop.time() + self.poll_seconds
            except Exception:
                # The dispatcher serves every subscriber of the app: it logs
                # and goes on rather than end their streams.
                logger.exception("the change dispatcher failed; it goes on")
                await asyncio.sleep(1.0)

    async def _read_and_deliver(
        self, ids: list[str], inbox: asyncio.Queue[list[str]]
    ) -> None:
        while not inbox.empty():
            ids.extend(inbox.get_nowait())
        # Imported here: graph.reads imports graph.states, which imports this.
        from graph import reads

        assert self.database is not None  # noqa: S101 - set before subscribing
        try:
            found = await reads.get_relationships(self.database, sorted(set(ids)))
        except SirError as error:
            logger.warning("could not read changed relationships: %s", error)
            return
        self._deliver(found.values())
        self._forget_before(datetime.now(UTC) - 2 * POLL_LOOKBACK)

    async def _poll(self) -> None:
        """Announce the states other processes stored since the last poll."""
        assert self.database is not None  # noqa: S101 - set before subscribing
        started = datetime.now(UTC)
        try:
            rows = await self.database.read(
                "events/list_changed_relationships",
                since=self._cursor - POLL_LOOKBACK,
                limit=POLL_LIMIT,
            )
        except SirError as error:
            logger.warning("could not poll for changed states: %s", error)
            return
        if len(rows) == POLL_LIMIT:
            logger.warning(
                "more than %d states changed between two polls; "
                "subscribers of this process miss the rest",
                POLL_LIMIT,
            )
        self._deliver(row["relationship"] for row in rows)
        self._forget_before(self._cursor - 2 * POLL_LOOKBACK)
        self._cursor = started

    def _deliver(self, rows: Iterable[Row]) -> None:
        for row in rows:
            at = row.get("stateAt")
            if not isinstance(at, datetime):
                continue
            known = self._announced.get(row["id"])
            if known is not None and at <= known:
                continue
            self._announced[row["id"]] = at
            for subscriber in list(self._subscribers):
                if subscriber.wants(row):
                    subscriber.put(row)

    def _forget_before(self, moment: datetime) -> None:
        # A state older than the poll's window is never found again.
        old = [key for key, at in self._announced.items() if at < moment]
        for key in old:
            del self._announced[key]


async def _get_within(
    inbox: asyncio.Queue[list[str]], seconds: float | None
) -> list[str] | None:
    """The next commit's ids, or None when `seconds` pass first."""
    if seconds is None:
        return await inbox.get()
    try:
        async with asyncio.timeout(max(seconds, 0.0)):
            return await inbox.get()
    except TimeoutError:
        return None
