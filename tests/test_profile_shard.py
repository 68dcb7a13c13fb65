"""`sir profile --shard K/N`: N processes share a full run, each id once.

A relationship belongs to the shard given by a stable hash of its id, so the
shards of one N are disjoint and together hold every relationship.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, timedelta

import pytest

from api.commands_profile import shard_option
from graph.database import Database
from graph.seed import seed_graph
from graph.states import Shard, profile_all, relationship_batches
from sir.errors import InvalidInput
from tests.conftest import GraphQLCall

STATE_TIMES = """
{
  customers(first: 100) {
    edges { node { relationships { id state { at } } } }
  }
}
"""


async def state_times(gql: GraphQLCall) -> dict[str, datetime]:
    """When each relationship's current state was computed, by its id."""
    body = await gql(STATE_TIMES)
    assert "errors" not in body, body
    return {
        relationship["id"]: datetime.fromisoformat(relationship["state"]["at"])
        for edge in body["data"]["customers"]["edges"]
        for relationship in edge["node"]["relationships"]
    }


async def test_two_shards_profile_every_relationship_exactly_once(
    gql: GraphQLCall, database: Database
) -> None:
    await seed_graph(database, 2, 40, seed=3)
    first_at = datetime.now(UTC).replace(microsecond=0) + timedelta(days=3, seconds=7)
    second_at = first_at + timedelta(days=1)

    first = await profile_all(database, batch_size=7, shard=Shard(1, 2), now=first_at)
    second = await profile_all(database, batch_size=7, shard=Shard(2, 2), now=second_at)

    times = await state_times(gql)
    assert first.relationships > 0
    assert second.relationships > 0
    assert first.relationships + second.relationships == len(times)
    by_first = {id for id, at in times.items() if at == first_at}
    by_second = {id for id, at in times.items() if at == second_at}
    assert by_first | by_second == set(times)
    assert len(by_first) == first.relationships
    assert by_first == {id for id in times if Shard(1, 2).holds(id)}


async def test_a_shard_fills_its_batches_from_several_pages_of_ids(
    database: Database,
) -> None:
    await seed_graph(database, 1, 30, seed=5)
    every = [
        id
        async for batch in relationship_batches(database, 1_000, id_page=1_000)
        for id in batch
    ]
    shard = Shard(2, 3)

    batches = [
        batch async for batch in relationship_batches(database, 4, shard, id_page=3)
    ]

    held = [id for batch in batches for id in batch]
    assert held == [id for id in every if shard.holds(id)]
    assert len(held) > 4
    assert all(len(batch) == 4 for batch in batches[:-1])
    assert 1 <= len(batches[-1]) <= 4


async def test_a_run_batches_its_shard_whatever_the_page_of_ids(
    database: Database,
) -> None:
    await seed_graph(database, 1, 30, seed=5)

    run = await profile_all(database, batch_size=4, shard=Shard(2, 3))

    assert run.relationships > 4
    assert run.batches == -(-run.relationships // 4)


@pytest.mark.parametrize("count", [1, 2, 3, 7])
def test_each_id_falls_in_exactly_one_shard_of_any_count(count: int) -> None:
    ids = [f"cust-{n:05d}/org-{n % 3 + 1}" for n in range(500)]

    owners = [
        [k for k in range(1, count + 1) if Shard(k, count).holds(id)] for id in ids
    ]

    assert all(len(found) == 1 for found in owners)
    used = {found[0] for found in owners}
    assert used == set(range(1, count + 1))


def test_a_shard_is_the_same_in_every_process() -> None:
    # CRC-32 of the id, not Python's per-process salted hash of a string.
    assert [Shard(k, 4).holds("cust-00042/org-1") for k in (1, 2, 3, 4)] == [
        False,
        False,
        False,
        True,
    ]


@pytest.mark.parametrize("text", ["0/2", "3/2", "1/0", "2", "a/b", "-1/2", ""])
def test_a_malformed_shard_is_refused_naming_its_value(text: str) -> None:
    with pytest.raises(InvalidInput, match="shard") as raised:
        Shard.parse(text)

    assert raised.value.field == "shard"
    with pytest.raises(argparse.ArgumentTypeError, match="K/N"):
        shard_option(text)


def test_the_command_line_reads_a_shard() -> None:
    assert shard_option(" 2/5 ") == Shard(2, 5)
