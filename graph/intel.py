"""SiR-Intel on the graph: next best steps, answers to them, effectiveness.

Each function reads what the pure model of `sir/intel.py` needs in a
constant number of statements of
`cypher/intel/`, whatever the number of relationships, actions or
customers, and turns the rows into the model's plain data.

- `next_best_steps`: two reads (the relationships' contexts, then the
  uplift cases of their organizations, unless the process remembers them:
  `graph/uplift_memory.py`) and, when asked to record, one write of the
  RECOMMENDED edges, all in one transaction.
- `respond_to_step`: one read, one write of the step's status and, when the
  step is COMPLETED, the RECEIVED edge (the write path's own statement) and
  the relationship's state refreshed in the same transaction, so that the
  uplift cases see it.
- `action_effectiveness`: two reads (the catalogue, the uplift cases, always
  read afresh).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from graph.database import Database, Row, Transaction
from graph.intel_rows import (
    action_option,
    latest_times,
    situation_of,
)
from graph.states import as_utc, refresh_states
from graph.uplift_memory import CaseKey, UpliftMemory
from sir.config import DEFAULT_CONFIG, ModelConfig
from sir.errors import InvalidInput, NotFound
from sir.intel import (
    ActionOption,
    CaseStats,
    Step,
    StepResponse,
    StepStatus,
    Uplift,
    answer_step,
    expected_uplift,
    plan_steps,
    pool_cases,
)
from sir.intel_config import DEFAULT_INTEL_CONFIG, IntelConfig
from sir.types import Outcome, Tier


@dataclass(frozen=True)
class StepAnswer:
    """The status of a step after an answer, and whether this call changed it."""

    relationship_id: str
    action_id: str
    status: StepStatus
    responded_at: datetime | None
    changed: bool


@dataclass(frozen=True)
class ProposedStep:
    """A ranked step and the status of its RECOMMENDED edge after the request.

    The status is None when the step was not recorded and never was before.
    """

    step: Step
    status: StepStatus | None


@dataclass(frozen=True)
class ActionEffect:
    """What one action did to goodwill for relationships of one tier."""

    action: ActionOption
    tier: Tier
    cases: int
    mean_uplift: float | None
    uplift: Uplift


async def next_best_steps(
    database: Database,
    relationship_ids: Sequence[str],
    *,
    first: int | Mapping[str, int] | None = None,
    record: bool = True,
    scope: str | None = None,
    now: datetime | None = None,
    config: IntelConfig = DEFAULT_INTEL_CONFIG,
    model: ModelConfig = DEFAULT_CONFIG,
) -> dict[str, list[ProposedStep]]:
    """The ranked steps of each relationship found in `scope`, by its id.

    `first` bounds the steps of every relationship, or of each by its id.
    With `record`, the steps returned are also stored as RECOMMENDED edges in
    the same transaction. `scope` is the organization the caller is limited
    to.
    """
    moment = now or datetime.now(UTC)
    ids = sorted(set(relationship_ids))

    async def work(tx: Transaction) -> dict[str, list[ProposedStep]]:
        contexts = await _fetch_contexts(tx, ids, moment, scope, config)
        organizations = sorted({row["organization"] for row in contexts})
        cases = await _learned_cases(tx, database.uplift, organizations, scope, config)
        plans = {
            row["id"]: _plan(
                row, cases, moment, _first(first, row["id"]), config, model
            )
            for row in contexts
        }
        if record:
            await _record(tx, plans, moment, config)
        return {
            row["id"]: _with_status(plans[row["id"]], row["recommended"], record)
            for row in contexts
        }

    if record:
        return await database.write_transaction(work, label="intel/next_best_steps")
    return await database.read_transaction(work, label="intel/next_best_steps")


async def respond_to_step(
    database: Database,
    relationship_id: str,
    action_id: str,
    response: StepResponse,
    at: datetime,
    *,
    outcome: Outcome = Outcome.NEUTRAL,
    scope: str | None = None,
) -> StepAnswer:
    """Record the answer to a proposed step; COMPLETED also records RECEIVED.

    Answering again with the same response changes nothing, so a retried
    request records one RECEIVED edge, not two.
    """
    if at.utcoffset() is None:
        message = f'The time of the answer must have a time zone, not "{at}".'
        raise InvalidInput(message, field="at", value=at.isoformat())
    moment = at.astimezone(UTC)

    async def work(tx: Transaction) -> StepAnswer:
        rows = await tx.run(
            "intel/fetch_step_response",
            relationship=relationship_id,
            action=action_id,
            scopeOrganizationId=scope,
        )
        found = _checked_step(rows, relationship_id, action_id)
        current = StepStatus(found["status"]) if found["status"] else None
        status = answer_step(current, response, relationship_id, action_id)
        if status is None:
            responded = found["respondedAt"]
            done = StepStatus(found["status"])
            return StepAnswer(
                relationship_id, action_id, done, _utc(responded), changed=False
            )
        await tx.run(
            "intel/set_step_status",
            relationship=relationship_id,
            action=action_id,
            status=status.value,
            at=moment,
        )
        if status is StepStatus.COMPLETED:
            await _record_received(
                tx, relationship_id, action_id, moment, outcome, scope
            )
        return StepAnswer(relationship_id, action_id, status, moment, changed=True)

    return await database.write_transaction(work, label="intel/respond_to_step")


async def action_effectiveness(
    database: Database,
    organization_id: str,
    *,
    scope: str | None = None,
    config: IntelConfig = DEFAULT_INTEL_CONFIG,
) -> list[ActionEffect]:
    """Uplift per action of the catalogue and per tier, over every type."""

    async def work(tx: Transaction) -> list[ActionEffect]:
        rows = await tx.run(
            "intel/list_actions",
            organization=organization_id,
            scopeOrganizationId=scope,
        )
        if not rows:
            raise NotFound(f'Organization "{organization_id}" does not exist.')
        cases = await _learned_cases(
            tx, database.uplift, [organization_id], scope, config, fresh=True
        )
        return [
            _effect(action_option(found, {}, {}), tier, cases, config)
            for found in rows[0]["actions"]
            for tier in Tier
        ]

    return await database.read_transaction(work, label="intel/action_effectiveness")


def _first(first: int | Mapping[str, int] | None, relationship: str) -> int | None:
    if isinstance(first, Mapping):
        return first.get(relationship)
    return first


# ---------------------------------------------------------------- internals


async def _fetch_contexts(
    tx: Transaction,
    ids: Sequence[str],
    now: datetime,
    scope: str | None,
    config: IntelConfig,
) -> list[Row]:
    days = max(config.fatigue_window_days, config.preference_window_days)
    return await tx.run(
        "intel/fetch_step_contexts",
        ids=list(ids),
        since=now - timedelta(days=days),
        scopeOrganizationId=scope,
    )


async def _learned_cases(
    tx: Transaction,
    memory: UpliftMemory,
    organizations: Sequence[str],
    scope: str | None,
    config: IntelConfig,
    *,
    fresh: bool = False,
) -> dict[CaseKey, CaseStats]:
    """The uplift cases of the organizations: remembered, or read and kept.

    `fresh` reads every organization again (and keeps what it read).
    """
    horizon = config.case_horizon_days
    cases: dict[CaseKey, CaseStats] = {}
    missing: list[str] = []
    for organization in organizations:
        known = None if fresh else memory.recall(organization, horizon)
        if known is None and not fresh and scope in (None, organization):
            # Another request may be reading these cases now: wait for it.
            known = await memory.await_reading(organization, horizon)
        if known is None:
            missing.append(organization)
        else:
            cases.update(known)
    if not missing:
        return cases
    generation = memory.generation
    leading = [
        o for o in missing if scope in (None, o) and memory.start_reading(o, horizon)
    ]
    learned: dict[str, dict[CaseKey, CaseStats]] = {o: {} for o in missing}
    read = False
    try:
        rows = await tx.run(
            "intel/summarize_uplift_cases",
            organizations=missing,
            horizonDays=horizon,
            scopeOrganizationId=scope,
        )
        for row in rows:
            if row["tier"] is None or row["meanUplift"] is None:
                continue
            key = (row["action"], row["tier"], row["type"])
            learned[row["organization"]][key] = CaseStats(
                int(row["cases"]), float(row["meanUplift"])
            )
        read = True
    finally:
        for organization in leading:
            memory.end_reading(
                organization, horizon, learned[organization] if read else None
            )
    for organization, found in learned.items():
        if scope in (None, organization):
            memory.keep(organization, horizon, found, generation)
        cases.update(found)
    return cases


def _plan(
    row: Row,
    cases: Mapping[CaseKey, CaseStats],
    now: datetime,
    first: int | None,
    config: IntelConfig,
    model: ModelConfig,
) -> list[Step]:
    situation = situation_of(row, now, config, model)
    received = latest_times(row["received"], "at")
    rejected = latest_times(
        [r for r in row["recommended"] if r["status"] == StepStatus.REJECTED],
        "respondedAt",
    )
    actions = [action_option(a, received, rejected, model) for a in row["actions"]]
    similar = {
        action.id: cases[key]
        for action in actions
        if (key := (action.id, situation.tier.value, situation.type.value)) in cases
    }
    return plan_steps(
        situation, actions, similar, now, first=first, config=config, model=model
    )


async def _record(
    tx: Transaction, plans: Mapping[str, list[Step]], now: datetime, config: IntelConfig
) -> None:
    rows = [
        {
            "relationship": relationship,
            "action": step.action.id,
            "rank": step.rank,
            "score": step.score,
        }
        for relationship, steps in plans.items()
        for step in steps
    ]
    if rows:
        await tx.run(
            "intel/merge_recommendations", rows=rows, at=now, version=config.version
        )


async def _record_received(
    tx: Transaction,
    relationship: str,
    action: str,
    at: datetime,
    outcome: Outcome,
    scope: str | None,
) -> None:
    # The write path's own statement, so that a step completed here is the
    # same RECEIVED edge that `recordActionReceived` would have written.
    row = {"relationship": relationship, "action": action, "at": at}
    await tx.run(
        "write/merge_received_actions",
        rows=[row | {"outcome": outcome}],
        scopeOrganizationId=scope,
    )
    await refresh_states(tx, [relationship])


def _with_status(
    steps: Sequence[Step], recommended: Sequence[Row], recorded: bool
) -> list[ProposedStep]:
    # An accepted step stays accepted when proposed again (merge_recommendations).
    before = {r["action"]: StepStatus(r["status"]) for r in recommended if r["status"]}
    proposed = []
    for step in steps:
        status = before.get(step.action.id)
        if recorded and status is not StepStatus.ACCEPTED:
            status = StepStatus.PROPOSED
        proposed.append(ProposedStep(step, status))
    return proposed


def _checked_step(rows: Sequence[Row], relationship: str, action: str) -> Row:
    found = rows[0] if rows else {}
    if found.get("relationship") is None:
        raise NotFound(f'Relationship "{relationship}" does not exist.')
    if found.get("action") is None:
        raise NotFound(f'Action "{action}" does not exist.')
    if not found.get("offered"):
        message = (
            f'Action "{action}" is not offered by the organization of '
            f'relationship "{relationship}".'
        )
        raise InvalidInput(message, field="actionId", value=action)
    return found


def _effect(
    action: ActionOption,
    tier: Tier,
    cases: Mapping[CaseKey, CaseStats],
    config: IntelConfig,
) -> ActionEffect:
    pooled = pool_cases(
        stats
        for (action_id, tier_name, _), stats in cases.items()
        if action_id == action.id and tier_name == tier.value
    )
    uplift = expected_uplift(action.kind, pooled, config)
    return ActionEffect(action, tier, pooled.cases, uplift.mean, uplift)


def _utc(moment: datetime | None) -> datetime | None:
    return None if moment is None else as_utc(moment)
