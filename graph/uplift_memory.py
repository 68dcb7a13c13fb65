"""What next best steps remember of each organization's learned uplift.

Learning an organization's uplift reads every case it has
(`cypher/intel/summarize_uplift_cases.cypher`), a cost that grows with the
organization, while the rest of a relationship's next best steps costs the
same at any size. So the process keeps each organization's cases for `ttl`
seconds and learns them again after that.

A committed write of this process that records an action received (new
cases) or empties the graph forgets everything at once. What is seen only
when an entry expires: the goodwill that later states add to existing cases,
and the writes of other processes.

Requests that miss the same organization at once read its cases once: the
first reads them and the others wait for its answer (`await_reading`), so
that an expiry under load costs one reading rather than one per request.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping

from sir.intel import CaseStats

# Where an organization's uplift cases fall: action id, tier and type.
CaseKey = tuple[str, str, str]
Cases = Mapping[CaseKey, CaseStats]

# Statements whose commit changes the cases themselves.
FORGETTING = frozenset({"write/merge_received_actions", "admin/delete_graph"})


class UpliftMemory:
    """Each organization's uplift cases for `ttl` seconds; 0 keeps nothing."""

    def __init__(self, ttl: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self._clock = clock
        # (organization, horizon in days) -> (when learned, cases).
        self._entries: dict[tuple[str, int], tuple[float, Cases]] = {}
        # Bumped by every forgetting commit, so that cases read before one
        # are not kept after it.
        self.generation = 0
        # The readings under way, by (organization, horizon in days).
        self._pending: dict[tuple[str, int], asyncio.Future[Cases]] = {}

    def recall(self, organization: str, horizon_days: int) -> Cases | None:
        """The organization's cases if learned less than `ttl` seconds ago."""
        entry = self._entries.get((organization, horizon_days))
        if entry is None:
            return None
        learned, cases = entry
        if self._clock() - learned >= self.ttl:
            del self._entries[(organization, horizon_days)]
            return None
        return cases

    def keep(
        self, organization: str, horizon_days: int, cases: Cases, generation: int
    ) -> None:
        """Keep cases read at `generation`, unless a forgetting commit came since."""
        if self.ttl <= 0 or generation != self.generation:
            return
        now = self._clock()
        # Organizations nobody asked for since they expired are let go here.
        for key, (learned, _) in list(self._entries.items()):
            if now - learned >= self.ttl:
                del self._entries[key]
        self._entries[(organization, horizon_days)] = (now, cases)

    async def await_reading(self, organization: str, horizon_days: int) -> Cases | None:
        """The cases another request is reading now, once it has read them;
        None when no reading is under way or it failed."""
        pending = self._pending.get((organization, horizon_days))
        if pending is None:
            return None
        try:
            return await asyncio.shield(pending)
        except asyncio.CancelledError:
            if not pending.cancelled():
                raise  # this request was cancelled, not the reading
            return None

    def start_reading(self, organization: str, horizon_days: int) -> bool:
        """Note that this request reads the organization's cases now; False
        when another request already does."""
        key = (organization, horizon_days)
        if key in self._pending:
            return False
        self._pending[key] = asyncio.get_running_loop().create_future()
        return True

    def end_reading(
        self, organization: str, horizon_days: int, cases: Cases | None
    ) -> None:
        """Hand the cases read to the requests waiting; None: the reading failed
        (they then read for themselves)."""
        future = self._pending.pop((organization, horizon_days), None)
        if future is None or future.done():
            return
        if cases is None:
            future.cancel()
        else:
            future.set_result(cases)

    def forget_after(self, statements: frozenset[str]) -> None:
        """Observer of committed writes: forget all when the cases changed."""
        if statements & FORGETTING:
            self.forget()

    def forget(self) -> None:
        """Forget every organization's cases."""
        self.generation += 1
        self._entries.clear()
