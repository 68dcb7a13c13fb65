"""Rows of `cypher/intel/` as the plain data of the SiR-Intel model.

Every function here reads one row (or part of one) of a statement of
`cypher/intel/` and returns the types of `sir/intel.py` and
`sir/opportunities.py`. A property the graph lacks takes the model's
default, so that a relationship never profiled, or an action stored without
its cost, still gets an answer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from graph.database import Row
from graph.states import as_utc
from sir.config import DEFAULT_CONFIG, ModelConfig
from sir.intel import ActionOption, ContactPreferences, Situation
from sir.intel_config import IntelConfig
from sir.opportunities import Candidate, HolderProfile, Interest, LadderRole
from sir.profile import decide_tier
from sir.types import (
    ActionKind,
    Channel,
    Gate,
    NeedKey,
    RelationshipType,
    RoleStatus,
    Tier,
)


def situation_of(
    row: Row, now: datetime, config: IntelConfig, model: ModelConfig
) -> Situation:
    """A relationship's situation from a row of `fetch_step_contexts`.

    A relationship that was never profiled has the model's neutral state:
    baseline goodwill, no gate passed, needs at the neutral value.
    """
    state = row["state"]
    goodwill = _number(state.get("goodwill"), model.goodwill_baseline)
    start = now - timedelta(
        days=max(config.fatigue_window_days, config.preference_window_days)
    )
    contacts = [as_utc(at) for at in row["touched"]]
    contacts += [as_utc(x["at"]) for x in row["received"] if as_utc(x["at"]) > start]
    return Situation(
        goodwill=goodwill,
        tier=Tier(state.get("tier") or decide_tier(goodwill, model)),
        gate=Gate(state.get("gate") or Gate.CLIENT),
        type=RelationshipType(state.get("type") or RelationshipType.TRANSACTIONAL),
        serve=_number(state.get("serve"), model.neutral),
        serve_confidence=_number(state.get("serveConfidence"), 0.0),
        connect=_number(state.get("connect"), model.neutral),
        connect_confidence=_number(state.get("connectConfidence"), 0.0),
        preferences=preferences_of(row["preferences"]),
        contacts=tuple(sorted(contacts)),
    )


def preferences_of(found: Mapping[str, Any]) -> ContactPreferences:
    """Contact preferences from the properties stored on a Relationship."""
    channels = found.get("consentedChannels")
    limit = found.get("maxContactsPer30Days")
    return ContactPreferences(
        opted_out=bool(found.get("optedOut")),
        consented_channels=(
            None if channels is None else frozenset(Channel(c) for c in channels)
        ),
        max_contacts=None if limit is None else int(limit),
    )


def action_option(
    found: Mapping[str, Any],
    received: Mapping[str, datetime],
    rejected: Mapping[str, datetime],
    model: ModelConfig = DEFAULT_CONFIG,
) -> ActionOption:
    """An action of the catalogue; a missing property takes its kind's default."""
    kind = ActionKind(found["kind"])
    rule = model.actions[kind]
    channel = found.get("channel")
    cost, cooldown = found.get("goodwillCost"), found.get("cooldownDays")
    return ActionOption(
        id=found["id"],
        key=found.get("key") or found["id"],
        kind=kind,
        need=NeedKey(found.get("need") or rule.need),
        gate=Gate(found.get("gate") or rule.gate),
        goodwill_cost=float(rule.goodwill_cost if cost is None else cost),
        cooldown_days=int(rule.cooldown_days if cooldown is None else cooldown),
        channel=Channel(channel) if channel else None,
        last_received=received.get(found["id"]),
        last_rejected=rejected.get(found["id"]),
    )


def ladder_role(row: Row) -> LadderRole:
    """A role of the ladder from a row of `fetch_role_ladder`."""
    capacity = row["capacity"]
    return LadderRole(
        id=row["id"],
        key=row["key"] or row["id"],
        name=row["name"] or row["key"] or row["id"],
        rung=int(row["rung"] or 0),
        capacity=None if capacity is None else int(capacity),
        active=int(row["active"]),
        partners=frozenset(partner["id"] for partner in row["partners"]),
    )


def holder_profile(holders: Sequence[Sequence[str] | None]) -> HolderProfile:
    """How many holders have each feature; each holder counts a feature once."""
    counts: dict[str, int] = defaultdict(int)
    present = [frozenset(h) for h in holders if h is not None]
    for features in present:
        for feature in features:
            counts[feature] += 1
    return HolderProfile(holders=len(present), feature_counts=dict(counts))


def candidate_of(row: Row) -> Candidate:
    """A candidate from a row of `fetch_role_candidates`."""
    interests = [
        Interest(
            role_id=a["role"],
            clarity=_number(a["clarity"], 0.0),
            motivation=_number(a["motivation"], 0.0),
            ability=_number(a["ability"], 0.0),
        )
        for a in row["aspirations"]
    ]
    held = {h["role"]: RoleStatus(h["status"]) for h in row["held"] if h["status"]}
    interests += [
        Interest(role_id=role, exploring=True)
        for role, status in held.items()
        if status is RoleStatus.EXPLORING
    ]
    return Candidate(
        customer_id=row["customer"],
        relationship_id=row["relationship"],
        gate=Gate(row["gate"]),
        goodwill=_number(row["goodwill"], 0.0),
        connect=_number(row["connect"], 0.0),
        held=held,
        interests=interests,
        features=frozenset(row["features"]),
    )


def latest_times(items: Sequence[Mapping[str, Any]], field: str) -> dict[str, datetime]:
    """The latest time in `field` of the items, by their `action`."""
    latest: dict[str, datetime] = {}
    for item in items:
        moment = item.get(field)
        if moment is None:
            continue
        at = as_utc(moment)
        if item["action"] not in latest or at > latest[item["action"]]:
            latest[item["action"]] = at
    return latest


def _number(value: object, default: float) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return default
