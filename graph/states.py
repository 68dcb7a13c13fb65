"""The State of each Relationship: read its inputs, run the SiR model, store it.

`refresh_states` is called inside every write transaction that touches a
Relationship (`graph.writes.apply_plan`) and by `sir profile` for all of them
(`profile_all`). Whatever the number of Relationships, it costs two
statements: one read of all their inputs (`cypher/profile/fetch_inputs`) and
one write of all their states (`cypher/profile/store_states`).

The current state is stored as properties of the Relationship node, so that
analysts can query it in Neo4j Browser and Bloom as well as through GraphQL;
`CURRENT_STATE` in `graph/model.py` lists them. A `(:RelationshipState)`
snapshot, linked by `(:Relationship)-[:HAD_STATE]->()`, is kept only when
the state differs from the newest snapshot kept before (`sir.state_changed`),
so that recomputing an unchanged relationship adds nothing to its history.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from graph.database import Database, Row, Transaction
from graph.events import stage
from sir import (
    DEFAULT_CONFIG,
    ModelConfig,
    profile_relationship,
    snapshot_from_state_properties,
    state_changed,
    to_state_properties,
)
from sir.errors import InvalidInput
from sir.inputs import (
    AskInput,
    RelationshipInputs,
    RoleInput,
    SignalInput,
    StateSnapshot,
    TouchpointInput,
)
from sir.types import ActionKind, RelationshipProfile

# Relationship ids read per page by `relationship_batches`.
ID_PAGE = 10_000

# The properties of a RelationshipState snapshot, besides its `at`.
SNAPSHOT_KEYS = (
    "serve",
    "connect",
    "role",
    "goodwill",
    "tier",
    "gate",
    "type",
    "atRisk",
    "modelVersion",
)

# Told after each batch of `profile_all`: relationships done, and in all.
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RefreshSummary:
    """What one refresh did: states stored, and snapshots kept among them."""

    profiled: int
    snapshots: int


@dataclass(frozen=True)
class Shard:
    """Part `number` of `count` disjoint parts of the Relationships, from 1.

    A Relationship belongs to the part given by a CRC-32 of its id, which is
    the same in every process and on every machine (Python's `hash` of a
    string is not), so that N processes started with 1/N .. N/N together
    profile every Relationship exactly once, with no coordination.
    """

    number: int
    count: int

    def __post_init__(self) -> None:
        if self.count < 1 or not 1 <= self.number <= self.count:
            message = (
                f"A shard is K/N with 1 <= K <= N, not {self.number}/{self.count}."
            )
            raise InvalidInput(message, field="shard", value=str(self))

    def __str__(self) -> str:
        return f"{self.number}/{self.count}"

    @classmethod
    def parse(cls, text: str) -> Shard:
        """The shard written as `K/N`, such as `2/4`."""
        number, slash, count = text.strip().partition("/")
        if not slash or not number.isdigit() or not count.isdigit():
            message = f'A shard is written K/N, such as 2/4, not "{text}".'
            raise InvalidInput(message, field="shard", value=text)
        return cls(int(number), int(count))

    def holds(self, relationship_id: str) -> bool:
        """Whether this shard profiles the Relationship with this id."""
        digest = zlib.crc32(relationship_id.encode("utf-8"))
        return digest % self.count == self.number - 1


@dataclass(frozen=True)
class ProfileRun:
    """What `profile_all` did, and how long it took."""

    relationships: int
    snapshots: int
    batches: int
    seconds: float

    @property
    def rate(self) -> float:
        """Relationships profiled per second."""
        return self.relationships / self.seconds if self.seconds > 0 else 0.0


async def refresh_states(
    tx: Transaction,
    relationship_ids: Sequence[str],
    now: datetime | None = None,
    config: ModelConfig = DEFAULT_CONFIG,
) -> RefreshSummary:
    """Recompute and store the State of these Relationships, in two statements.

    Unknown ids, and Relationships whose first contact is after `now`, are
    skipped. `now` is the moment of evaluation (the current time when left
    out); it must be timezone-aware.
    """
    ids = sorted(set(relationship_ids))
    if not ids:
        return RefreshSummary(0, 0)
    moment = as_utc(now) if now is not None else datetime.now(UTC)
    before = moment - timedelta(days=config.trend_window_days)
    rows = await tx.run(
        "profile/fetch_inputs",
        ids=ids,
        askKinds=sorted(kind.value for kind in config.ask_kinds),
        before=before,
    )
    # A relationship has no state before its first contact: a moment in the
    # past (a replayed history) skips the relationships that began later.
    states = [
        next_state(row, moment, config)
        for row in rows
        if row.get("since") is None or as_utc(row["since"]) <= moment
    ]
    stored = await tx.run("profile/store_states", states=states)
    # Subscribers hear of these states once the transaction commits.
    stage(tx, [state["id"] for state in states])
    snapshots = int(stored[0]["snapshots"]) if stored else 0
    return RefreshSummary(profiled=len(states), snapshots=snapshots)


def next_state(row: Row, now: datetime, config: ModelConfig) -> dict[str, Any]:
    """The parameters of `store_states` for one row of `fetch_inputs`."""
    profile = profile_relationship(inputs_from_row(row, config), now, config)
    snapshot = snapshot_properties(profile)
    latest = row["latest"][0] if row["latest"] else None
    return {
        "id": row["id"],
        "properties": state_properties(profile)
        | {"touchpointFeatures": touchpoint_features(row["touchpoints"])},
        "snapshot": snapshot if state_changed(latest, snapshot) else None,
    }


def touchpoint_features(touchpoints: Sequence[Mapping[str, Any]]) -> list[str]:
    """What a relationship's touchpoints share with those of others, sorted.

    The channels, the partners they went via and the needs they met
    (fulfilment above 0): the touchpoint part of the likeness features that
    co-ownership opportunities compare (`cypher/intel/fetch_role_ladder`).
    """
    features: set[str] = set()
    for touchpoint in touchpoints:
        if touchpoint.get("channel") is not None:
            features.add(f"channel:{touchpoint['channel']}")
        features.update(f"partner:{p}" for p in touchpoint.get("partners") or ())
        features.update(
            f"need:{entry['need']}"
            for entry in touchpoint["fulfilment"]
            if entry["value"] is not None and entry["value"] > 0
        )
    return sorted(features)


def state_properties(profile: RelationshipProfile) -> dict[str, Any]:
    """The properties of the current state, as stored on the Relationship."""
    flat: dict[str, Any] = dict(to_state_properties(profile))
    # On the Relationship, a bare `at` would read as the time of the
    # relationship itself; `stateAt` says whose time it is.
    flat["stateAt"] = flat.pop("at")
    trend = profile.trend
    return flat | {
        "serveTrend": trend.serve,
        "connectTrend": trend.connect,
        "roleTrend": trend.role,
        "goodwillTrend": trend.goodwill,
        "trendSince": trend.since,
        "relationshipQuality": profile.relationship_quality,
        "explanationRules": [note.rule for note in profile.explanation],
        "explanation": [note.text for note in profile.explanation],
    }


def snapshot_properties(profile: RelationshipProfile) -> dict[str, Any]:
    """The properties of a RelationshipState snapshot of this profile."""
    flat = state_properties(profile)
    return {"at": profile.at} | {key: flat[key] for key in SNAPSHOT_KEYS}


def inputs_from_row(
    row: Row, config: ModelConfig = DEFAULT_CONFIG
) -> RelationshipInputs:
    """The model's inputs from one row of `cypher/profile/fetch_inputs`."""
    return RelationshipInputs(
        touchpoints=[touchpoint_input(t) for t in row["touchpoints"]],
        signals=[
            SignalInput(
                at=as_utc(s["at"]),
                kind=s["kind"],
                weight=1.0 if s["weight"] is None else s["weight"],
                id=s["id"],
            )
            for s in row["signals"]
        ],
        asks=[ask_input(a, config) for a in row["asks"]],
        roles=[
            RoleInput(rung=int(r["rung"] or 0), status=r["status"], key=r["key"])
            for r in row["roles"]
        ],
        previous=previous_state(row["previous"]),
    )


def touchpoint_input(found: Mapping[str, Any]) -> TouchpointInput:
    """A touchpoint and the needs it addressed, as the model reads it."""
    return TouchpointInput(
        at=as_utc(found["at"]),
        initiated_by=found["initiatedBy"],
        fulfilment={entry["need"]: entry["value"] for entry in found["fulfilment"]},
        answered=found["answered"],
        id=found["id"],
    )


def ask_input(found: Mapping[str, Any], config: ModelConfig) -> AskInput:
    """A received ask; an action stored without a cost costs its kind's default."""
    cost = found["goodwillCost"]
    if cost is None:
        cost = config.actions[ActionKind(found["kind"])].goodwill_cost
    return AskInput(at=as_utc(found["at"]), goodwill_cost=cost, id=found["id"])


def previous_state(found: Sequence[Mapping[str, Any]]) -> StateSnapshot | None:
    """The stored state the model compares goodwill with, if there is one.

    It is the newest snapshot kept at least one trend window ago, not the
    newest of all: a relationship whose goodwill fell stays at risk for the
    window instead of until the next write records the lower state.
    """
    if not found:
        return None
    stored = dict(found[0])
    if stored.get("at") is not None:
        stored["at"] = as_utc(stored["at"])
    try:
        return snapshot_from_state_properties(
            {key: value for key, value in stored.items() if value is not None}
        )
    except InvalidInput:
        # A snapshot without goodwill or model version is no yardstick.
        return None


def as_utc(moment: datetime) -> datetime:
    """A datetime read from the graph, in UTC.

    ArcadeDB hands back datetimes that were written as parameters without
    their zone; they were written in UTC, so a naive one is read as UTC.
    """
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


async def profile_all(
    database: Database,
    batch_size: int = 500,
    progress: Progress | None = None,
    now: datetime | None = None,
    shard: Shard | None = None,
) -> ProfileRun:
    """Recompute the State of every Relationship, `batch_size` per transaction.

    Each batch costs three statements: one page of ids, one read of inputs,
    one write of states. All batches are evaluated at the same moment. With
    a `shard`, only the Relationships of that shard are profiled.
    """
    if batch_size < 1:
        message = f"The batch size must be at least 1, not {batch_size}."
        raise InvalidInput(message, field="batch_size", value=batch_size)
    started = time.perf_counter()
    moment = as_utc(now) if now is not None else datetime.now(UTC)
    total = int((await database.read("profile/count_relationships"))[0]["count"])
    if shard is not None:
        # An estimate: the hash spreads ids evenly, but not exactly.
        total = -(-total // shard.count)
    done = snapshots = batches = 0
    async for ids in relationship_batches(database, batch_size, shard):
        summary = await _refresh_batch(database, ids, moment)
        done, snapshots, batches = (
            done + summary.profiled,
            snapshots + summary.snapshots,
            batches + 1,
        )
        if progress is not None:
            progress(done, max(total, done))
    return ProfileRun(done, snapshots, batches, time.perf_counter() - started)


async def relationship_batches(
    database: Database,
    batch_size: int,
    shard: Shard | None = None,
    id_page: int = ID_PAGE,
) -> AsyncIterator[list[str]]:
    """The ids of every Relationship (of the shard), `batch_size` at a time.

    Ids are paged in order by keyset, `id_page` at a time whatever the batch
    size: Neo4j seeks each page in the id index, but ArcadeDB scans and sorts
    every Relationship for each page, so small pages would make a run grow
    with the square of the graph. A shard is picked in Python, not in
    Cypher: Neo4j and ArcadeDB share no hash function. Every shard reads
    every id, which is cheap beside the profiling that only its own ids cost.
    """
    pending: list[str] = []
    after = ""
    while True:
        page = await database.read(
            "profile/list_relationship_ids", after=after, limit=id_page
        )
        if not page:
            break
        after = page[-1]["id"]
        pending.extend(
            row["id"] for row in page if shard is None or shard.holds(row["id"])
        )
        while len(pending) >= batch_size:
            yield pending[:batch_size]
            pending = pending[batch_size:]
    if pending:
        yield pending


async def _refresh_batch(
    database: Database, ids: list[str], now: datetime
) -> RefreshSummary:
    async def work(tx: Transaction) -> RefreshSummary:
        return await refresh_states(tx, ids, now)

    return await database.write_transaction(work, label="profile/batch")
