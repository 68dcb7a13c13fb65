"""Keeps organizations' summaries (graph/summaries.py) up to date.

Every `interval` seconds the summarizer of a process looks for the
organizations that need a new summary:

- those with none yet;
- those where a relationship's State was stored after their summary was
  computed (every write refreshes the states it touches, so this catches the
  writes of every process: it compares every `Relationship.stateAt` with
  the moment of its last look, 0.3 s at 100,000 customers);
- those whose summary is older than `max_age` (changes that move no state,
  such as a customer's new name).

Before computing a summary it claims it in the graph for `lease` seconds,
so that the workers and replicas of the service, which each run a
summarizer, do not compute the same summary at once. It spends at most about
a fifth of its time refreshing (`SHARE`): after a long look it waits longer
than `interval`. A summary therefore trails the writes by about `interval`
seconds (longer for a large graph under constant writes) plus the time to
compute it; reads say how old it is.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import UTC, datetime, timedelta
from typing import Final

from graph.database import Database
from graph.summaries import refresh_summary
from sir.errors import SirError

logger = logging.getLogger("sir.summaries")

# A look goes this far behind the previous one: a state is stamped a moment
# before its transaction commits, and machines' clocks differ a little.
LOOKBACK: Final = timedelta(seconds=10)
LEASE: Final = timedelta(minutes=5)
# The most of its time a summarizer spends refreshing: after a look that
# took `s` seconds it waits at least `s * (1 / SHARE - 1)`, so that a large
# graph under constant writes is not summarized without pause.
SHARE: Final = 0.2


class Summarizer:
    """Refreshes the summaries of changed organizations, in the background."""

    def __init__(
        self,
        database: Database,
        *,
        interval: float,
        max_age: float,
        lease: timedelta = LEASE,
    ) -> None:
        self.database = database
        self.interval = interval
        self.max_age = timedelta(seconds=max_age)
        self.lease = lease
        self._since: datetime | None = None
        self._task: asyncio.Task[None] | None = None

    async def look(self) -> list[str]:
        """Refresh every organization that needs it now; the ones refreshed."""
        started = datetime.now(UTC)
        organizations = await self.database.read("summary/list_organizations")
        computed = {row["id"]: row["computedAt"] for row in organizations}
        known = [at for at in computed.values() if at is not None]
        since = self._since or (min(known) if known else started)
        changed = {
            row["id"]: row["changedAt"]
            for row in await self.database.read(
                "summary/list_changed_organizations", since=since
            )
        }
        due = [
            organization
            for organization, at in computed.items()
            if at is None
            or at < started - self.max_age
            or (organization in changed and changed[organization] >= at)
        ]
        refreshed = [o for o in due if await self._refresh_claimed(o, computed[o])]
        self._since = started - LOOKBACK
        return refreshed

    async def _refresh_claimed(self, organization: str, seen: datetime | None) -> bool:
        """Claim and refresh the summary found stale (`seen`: its moment, or
        None when there was none); False when another process has it."""
        now = datetime.now(UTC)
        claimed = await self.database.write(
            "summary/claim_summary",
            organizationId=organization,
            now=now,
            until=now + self.lease,
            computedAt=seen,
        )
        if not claimed:
            return False
        try:
            pages = await refresh_summary(self.database, organization, now=now)
        except Exception:
            with contextlib.suppress(SirError):
                await self.database.write(
                    "summary/release_summary", organizationId=organization
                )
            raise
        logger.info(
            "organization summary refreshed",
            extra={
                "organization": organization,
                "pages": pages,
                "seconds": round((datetime.now(UTC) - now).total_seconds(), 3),
            },
        )
        return True

    def start(self) -> None:
        """Look every `interval` seconds until stopped."""
        if self._task is None and self.interval > 0:
            self._task = asyncio.create_task(self._run(), name="sir-summarizer")

    async def stop(self) -> None:
        """Stop looking; a refresh under way is abandoned (its claim runs out)."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            started = loop.time()
            try:
                await self.look()
            except SirError as error:
                logger.warning("the summarizer could not look: %s", error)
            except Exception:
                # It serves every organization: it logs and goes on.
                logger.exception("the summarizer failed; it goes on")
            spent = loop.time() - started
            await asyncio.sleep(max(self.interval, spent * (1 / SHARE - 1)))
