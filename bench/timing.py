"""Latency of sequential calls and throughput of concurrent ones.

A call takes the number of the request, so that an operation can rotate
over its targets (different relationships, organizations, fresh batches)
instead of asking the database the same thing every time.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from typing import Any

Call = Callable[[int], Awaitable[None]]


class Counter:
    """Hands out request numbers to concurrent clients, up to a limit."""

    def __init__(self, start: int, limit: int | None) -> None:
        self.next = start
        self.end = None if limit is None else start + limit

    def take(self) -> int | None:
        """The next request number, or None when the limit is reached."""
        if self.end is not None and self.next >= self.end:
            return None
        number = self.next
        self.next += 1
        return number


async def latencies(call: Call, runs: int, warmup: int, start: int = 0) -> list[float]:
    """Milliseconds of `runs` sequential calls, after `warmup` untimed ones."""
    for number in range(start, start + warmup):
        await call(number)
    found: list[float] = []
    for number in range(start + warmup, start + warmup + runs):
        began = time.perf_counter()
        await call(number)
        found.append((time.perf_counter() - began) * 1000)
    return found


async def throughput(
    call: Call,
    clients: int,
    seconds: float,
    start: int = 0,
    limit: int | None = None,
) -> dict[str, Any]:
    """Calls per second of `clients` concurrent loops for about `seconds`.

    Each loop calls again as soon as its call returns, until the time is up
    or `limit` calls have been made; a failed call counts as an error.
    """
    counter = Counter(start, limit)
    done = errors = 0
    deadline = time.perf_counter() + seconds
    first_error: str | None = None

    async def loop() -> None:
        nonlocal done, errors, first_error
        while time.perf_counter() < deadline:
            number = counter.take()
            if number is None:
                return
            try:
                await call(number)
                done += 1
            except Exception as error:  # any failure is counted and reported
                errors += 1
                first_error = first_error or repr(error)[:300]

    began = time.perf_counter()
    await asyncio.gather(*(loop() for _ in range(clients)))
    elapsed = time.perf_counter() - began
    return {
        "clients": clients,
        "requests": done,
        "errors": errors,
        "first_error": first_error,
        "seconds": round(elapsed, 2),
        "per_second": round(done / elapsed, 2) if elapsed > 0 else 0.0,
    }


def summary(values: list[float]) -> dict[str, float | int]:
    """Median, 99th percentile (nearest rank) and mean of milliseconds."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, -(-99 * len(ordered) // 100) - 1))
    return {
        "runs": len(ordered),
        "median_ms": round(statistics.median(ordered), 2),
        "p99_ms": round(ordered[rank], 2),
        "mean_ms": round(statistics.fmean(ordered), 2),
    }
