"""Next best steps remember each organization's learned uplift for a while.

The memory's rules on their own, with a clock the test moves; then over the
real HTTP app: a remembered organization costs one round trip less, new
cases are seen at once, and the goodwill that later states add to old cases
once the memory expires.
"""

from __future__ import annotations

import asyncio

import pytest

from graph.database import Database
from graph.uplift_memory import FORGETTING, UpliftMemory
from sir.intel import CaseStats
from tests.conftest import GraphQLCall
from tests.test_intel import (
    act,
    catalogue,
    contacts,
    person,
    received,
    record,
    signal,
    steps,
)

CASES = {("a-1", "LOW", "TRANSACTIONAL"): CaseStats(3, 2.5)}


class Clock:
    """A monotonic clock that moves only when told."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_cases_are_recalled_until_they_are_ttl_seconds_old() -> None:
    clock = Clock()
    memory = UpliftMemory(60, clock)
    memory.keep("o-1", 30, CASES, memory.generation)

    clock.now += 59.9
    recalled = memory.recall("o-1", 30)
    other_horizon = memory.recall("o-1", 60)
    clock.now += 0.1
    expired = memory.recall("o-1", 30)

    assert recalled == CASES
    assert other_horizon is None
    assert expired is None


def test_expired_organizations_are_let_go_when_another_is_kept() -> None:
    clock = Clock()
    memory = UpliftMemory(60, clock)
    memory.keep("o-1", 30, CASES, memory.generation)
    clock.now += 30
    memory.keep("o-2", 30, CASES, memory.generation)
    clock.now += 30

    memory.keep("o-3", 30, CASES, memory.generation)

    assert set(memory._entries) == {("o-2", 30), ("o-3", 30)}


def test_a_ttl_of_zero_keeps_nothing() -> None:
    memory = UpliftMemory(0)

    memory.keep("o-1", 30, CASES, memory.generation)

    assert memory.recall("o-1", 30) is None


def test_a_commit_of_new_cases_forgets_all_and_outdates_reads_begun_before() -> None:
    memory = UpliftMemory(60, Clock())
    memory.keep("o-1", 30, CASES, memory.generation)
    begun = memory.generation

    memory.forget_after(frozenset({"write/merge_touchpoints"}))
    kept_after_other_write = memory.recall("o-1", 30)
    memory.forget_after(frozenset({"write/merge_touchpoints", *FORGETTING}))
    forgotten = memory.recall("o-1", 30)
    memory.keep("o-2", 30, CASES, begun)

    assert kept_after_other_write == CASES
    assert forgotten is None
    assert memory.recall("o-2", 30) is None


async def test_steps_reuse_learned_uplift_and_see_new_cases_at_once(
    gql: GraphQLCall, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock()
    monkeypatch.setattr(database, "uplift", UpliftMemory(60, clock))
    raised = [f"c-up-{i}" for i in range(3)]
    flat = [f"c-flat-{i}" for i in range(3)]
    everyone = [*raised, *flat, "c-new"]
    await record(
        gql,
        [
            *catalogue(act("news", "INFORMATION"), act("upgrade", "SERVICE_UPGRADE")),
            *(e for c in everyone for e in [person(c), *contacts(c, 1, serve=0.5)]),
        ],
    )
    database.stats.round_trips = 0
    cold = await steps(gql, "c-new")
    learning = database.stats.round_trips
    database.stats.round_trips = 0
    warm = await steps(gql, "c-new")
    remembering = database.stats.round_trips

    await record(
        gql,
        [
            *(received(c, "news") for c in raised),
            *(received(c, "upgrade") for c in flat),
        ],
    )
    with_cases = await steps(gql, "c-new")
    await record(gql, [signal(c, "REFERRAL") for c in raised])
    remembered = await steps(gql, "c-new")
    clock.now += 60
    relearned = await steps(gql, "c-new")

    assert learning - remembering == 1
    assert [s["cases"] for s in cold] == [s["cases"] for s in warm] == [0, 0]
    # The new cases count at once; neither changed goodwill yet.
    assert [(s["action"]["id"], s["cases"]) for s in with_cases] == [
        ("upgrade", 3),
        ("news", 3),
    ]
    # The referrals raise the goodwill after of the "news" cases: seen once the
    # memory expired, and enough to put the action first.
    assert [s["action"]["id"] for s in remembered] == ["upgrade", "news"]
    assert [s["action"]["id"] for s in relearned] == ["news", "upgrade"]


async def test_requests_that_miss_at_once_learn_the_uplift_once(
    gql: GraphQLCall, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "uplift", UpliftMemory(60, Clock()))
    people = [f"c-{i}" for i in range(8)]
    await record(
        gql,
        [
            *catalogue(act("news", "INFORMATION"), act("upgrade", "SERVICE_UPGRADE")),
            *(e for c in people for e in [person(c), *contacts(c, 1, serve=0.5)]),
        ],
    )
    await record(gql, [received(c, "news") for c in people[:4]])
    await steps(gql, people[0])
    database.stats.round_trips = 0
    await steps(gql, people[0])
    per_request = database.stats.round_trips

    database.uplift.forget()
    database.stats.round_trips = 0
    found = await asyncio.gather(*(steps(gql, c) for c in people))

    # One request read the organization's cases; the others waited for it,
    # and every one ranked with them: 4 cases of "news", none of "upgrade".
    assert database.stats.round_trips == len(people) * per_request + 1
    cases = {s["action"]["id"]: s["cases"] for one in found for s in one}
    assert cases == {"news": 4, "upgrade": 0}
    assert all(one for one in found)
