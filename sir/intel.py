"""SiR-Intel: the next best steps for one relationship, and why.

``plan_steps`` is the entry point. It takes the relationship's current state
(as the profile stored it), the organisation's actions with when this
relationship last received or rejected each, and the uplift cases learned
from similar relationships. It keeps the actions that are eligible (gate
reached, contact preferences and fatigue policy respected, cooling down
over, an ask affordable) and ranks them by expected goodwill uplift, with a
bonus for the focus need: the need of the lowest gate not yet passed.

Expected uplift is a Bayesian average of what the action did to the goodwill
of similar relationships and the catalogue prior, so that a few cases nudge
the catalogue and many cases overrule it. ``docs/intel.md`` explains it all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sir.config import DEFAULT_CONFIG, ModelConfig
from sir.errors import Conflict, NotFound
from sir.inputs import check_utc
from sir.intel_config import DEFAULT_INTEL_CONFIG, IntelConfig
from sir.types import (
    ActionKind,
    Channel,
    Gate,
    NeedKey,
    RelationshipType,
    Tier,
    count_text,
)


class StepStatus(StrEnum):
    """Where a proposed step stands; stored on its RECOMMENDED edge."""

    PROPOSED = "PROPOSED"
    ACCEPTED = "ACCEPTED"
    REJECTED = "REJECTED"
    COMPLETED = "COMPLETED"


class StepResponse(StrEnum):
    """How the organisation answered a proposed step."""

    ACCEPTED = "ACCEPTED"
    REJECTED = "REJECTED"
    COMPLETED = "COMPLETED"


# Which answers each status still takes: an accepted step may yet be
# completed or dropped; a rejected or completed one is settled until the
# step is proposed again.
NEXT_STATUSES = {
    StepStatus.PROPOSED: frozenset(StepResponse),
    StepStatus.ACCEPTED: frozenset({StepResponse.REJECTED, StepResponse.COMPLETED}),
    StepStatus.REJECTED: frozenset(),
    StepStatus.COMPLETED: frozenset(),
}


@dataclass(frozen=True, slots=True)
class ActionOption:
    """One action the organisation offers, as seen from one relationship.

    ``last_received`` and ``last_rejected`` are when this relationship last
    received the action and last rejected it as a proposed step; both start
    its cooldown. ``channel`` is the channel the action must use, if any.
    """

    id: str
    key: str
    kind: ActionKind
    need: NeedKey
    gate: Gate
    goodwill_cost: float = 0.0
    cooldown_days: int = 0
    channel: Channel | None = None
    last_received: datetime | None = None
    last_rejected: datetime | None = None

    @property
    def is_ask(self) -> bool:
        """Whether receiving the action withdraws goodwill."""
        return self.goodwill_cost > 0


@dataclass(frozen=True, slots=True)
class ContactPreferences:
    """What the customer allows: ``None`` means the customer has not said."""

    opted_out: bool = False
    consented_channels: frozenset[Channel] | None = None
    max_contacts: int | None = None


@dataclass(frozen=True, slots=True)
class Situation:
    """The current state of one relationship, as far as next steps need it.

    ``contacts`` are the times of recent contacts the organisation started:
    touchpoints it initiated and actions the customer received.
    """

    goodwill: float
    tier: Tier
    gate: Gate
    type: RelationshipType
    serve: float
    serve_confidence: float
    connect: float
    connect_confidence: float
    preferences: ContactPreferences = ContactPreferences()
    contacts: tuple[datetime, ...] = ()


@dataclass(frozen=True, slots=True)
class CaseStats:
    """What receiving one action did to goodwill over ``cases`` relationships."""

    cases: int
    mean_uplift: float


@dataclass(frozen=True, slots=True)
class Uplift:
    """Expected goodwill uplift: the cases' mean shrunk towards the prior."""

    expected: float
    prior: float
    cases: int
    mean: float | None


@dataclass(frozen=True, slots=True)
class Step:
    """One proposed action, its place in the ranking and the reasons for it."""

    action: ActionOption
    rank: int
    score: float
    uplift: Uplift
    focus_need: NeedKey
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether an action may be proposed now, and the reasons either way."""

    action: ActionOption
    eligible: bool
    reasons: tuple[str, ...]


def pool_cases(groups: Iterable[CaseStats]) -> CaseStats:
    """Combine case statistics of several groups into one, weighted by size."""
    listed = [g for g in groups if g.cases > 0]
    total = sum(g.cases for g in listed)
    if total == 0:
        return CaseStats(0, 0.0)
    mean = sum(g.cases * g.mean_uplift for g in listed) / total
    return CaseStats(total, mean)


def expected_uplift(
    kind: ActionKind,
    stats: CaseStats | None,
    config: IntelConfig = DEFAULT_INTEL_CONFIG,
) -> Uplift:
    """The Bayesian average (n * mean + k * prior) / (n + k) of one action."""
    prior = config.prior_uplift[kind]
    if stats is None or stats.cases == 0:
        return Uplift(prior, prior, 0, None)
    n, k = stats.cases, config.prior_weight
    expected = (n * stats.mean_uplift + k * prior) / (n + k)
    return Uplift(expected, prior, n, stats.mean_uplift)


def focus_need(
    situation: Situation, model: ModelConfig = DEFAULT_CONFIG
) -> tuple[NeedKey, str]:
    """The need of the lowest gate not yet passed, and why in words."""
    s = situation
    if s.gate is Gate.CLIENT:
        if s.serve < model.connection_min_serve:
            return NeedKey.SERVE, (
                "service is below the first gate: "
                f"{_compare('serve', s.serve, model.connection_min_serve)}"
            )
        return NeedKey.SERVE, (
            "service is not yet known well enough to pass the first gate: "
            f"{_compare('confidence', s.serve_confidence, _min_serve_conf(model))}"
        )
    if s.gate is Gate.CONNECTION:
        share = model.resource_connect_weight
        quality = share * s.connect + (1 - share) * s.goodwill / 100
        if quality < model.resource_min_quality:
            return NeedKey.CONNECT, (
                "the relationship is below the second gate: "
                f"{_compare('quality', quality, model.resource_min_quality)}"
            )
        return NeedKey.CONNECT, (
            "the relationship is not yet known well enough to pass the second "
            "gate: "
            f"{_compare('confidence', s.connect_confidence, _min_conn_conf(model))}"
        )
    return NeedKey.ROLE, "both gates are passed: the customer can explore a role"


def check_eligibility(
    action: ActionOption,
    situation: Situation,
    now: datetime,
    config: IntelConfig = DEFAULT_INTEL_CONFIG,
) -> Verdict:
    """Whether ``action`` may be proposed at ``now``, with every reason."""
    now = check_utc(now, "evaluation time")
    refusals = _gate_refusals(action, situation)
    refusals += _cooldown_refusals(action, now, config)
    refusals += _ask_refusals(action, situation, config)
    notes = _ask_notes(action, situation, config)
    contact = _contact_refusals(action, situation, now, config)
    if contact and action.kind in config.owed_kinds:
        notes.append(
            f"owed to the customer, so contact limits do not hold it back: "
            f"{'; '.join(contact)}"
        )
    else:
        refusals += contact
    if refusals:
        return Verdict(action, False, tuple(refusals))
    return Verdict(action, True, tuple(notes))


def plan_steps(
    situation: Situation,
    actions: Sequence[ActionOption],
    cases: Mapping[str, CaseStats],
    now: datetime,
    *,
    first: int | None = None,
    config: IntelConfig = DEFAULT_INTEL_CONFIG,
    model: ModelConfig = DEFAULT_CONFIG,
) -> list[Step]:
    """The eligible actions, best first: at most ``first`` of them.

    ``cases`` holds, by action id, what each action did to the goodwill of
    relationships of the same tier and type as this one.
    """
    focus, why_focus = focus_need(situation, model)
    scored: list[tuple[float, ActionOption, Uplift, tuple[str, ...]]] = []
    for action in actions:
        verdict = check_eligibility(action, situation, now, config)
        if not verdict.eligible:
            continue
        uplift = expected_uplift(action.kind, cases.get(action.id), config)
        bonus = config.focus_bonus if action.need is focus else 0.0
        reasons = (
            _need_reason(action, focus, why_focus),
            *verdict.reasons,
            _uplift_reason(uplift, situation, config),
        )
        scored.append((uplift.expected + bonus, action, uplift, reasons))
    scored.sort(key=lambda item: (-item[0], item[1].key, item[1].id))
    limit = min(first if first is not None else config.max_steps, config.max_steps)
    return [
        Step(action, rank, score, uplift, focus, reasons)
        for rank, (score, action, uplift, reasons) in enumerate(
            scored[: max(limit, 0)], start=1
        )
    ]


def answer_step(
    current: StepStatus | None,
    response: StepResponse,
    relationship_id: str,
    action_id: str,
) -> StepStatus | None:
    """The status a step takes after ``response``; None when it already has it.

    Raises NotFound when the step was never proposed and Conflict when the
    step is settled otherwise.
    """
    if current is None:
        raise NotFound(
            f'Action "{action_id}" was never proposed to relationship '
            f'"{relationship_id}".'
        )
    if current.value == response.value:
        return None
    if response not in NEXT_STATUSES[current]:
        raise Conflict(
            f'The step "{action_id}" of relationship "{relationship_id}" is '
            f"{current} and cannot become {response}."
        )
    return StepStatus(response.value)


# ---------------------------------------------------------------- rules


def _gate_refusals(action: ActionOption, situation: Situation) -> list[str]:
    if situation.gate.rank >= action.gate.rank:
        return []
    return [
        f"needs gate {action.gate} passed; the relationship has passed "
        f"{_gate_text(situation.gate)}"
    ]


def _cooldown_refusals(
    action: ActionOption, now: datetime, config: IntelConfig
) -> list[str]:
    rejected_rest = max(action.cooldown_days, config.rejection_rest_days)
    found = []
    for verb, moment, rest in (
        ("received", action.last_received, action.cooldown_days),
        ("rejected", action.last_rejected, rejected_rest),
    ):
        if moment is not None and now - moment < timedelta(days=rest):
            days = max(0, (now - moment).days)
            found.append(
                f"{verb} {count_text(days, 'day')} ago; it rests "
                f"{count_text(rest, 'day')}"
            )
    return found


def _ask_refusals(
    action: ActionOption, situation: Situation, config: IntelConfig
) -> list[str]:
    floor = config.ask_goodwill_floor
    if not action.is_ask or situation.goodwill - action.goodwill_cost >= floor:
        return []
    return [
        f"the ask costs {action.goodwill_cost:g} goodwill; "
        f"{_available(situation, config):.0f} available above the floor of "
        f"{floor:g}"
    ]


def _ask_notes(
    action: ActionOption, situation: Situation, config: IntelConfig
) -> list[str]:
    if not action.is_ask:
        return []
    return [
        f"the ask costs {action.goodwill_cost:g} goodwill; "
        f"{_available(situation, config):.0f} available above the floor of "
        f"{config.ask_goodwill_floor:g}"
    ]


def _contact_refusals(
    action: ActionOption, situation: Situation, now: datetime, config: IntelConfig
) -> list[str]:
    prefs = situation.preferences
    found = []
    if prefs.opted_out:
        found.append("the customer opted out of contact")
    consented = prefs.consented_channels
    if consented is not None and action.channel is None and not consented:
        found.append("the customer consented to no channel")
    elif consented is not None and action.channel not in (None, *consented):
        found.append(f"the customer gave no consent for channel {action.channel}")
    own = _recent(situation.contacts, now, config.preference_window_days)
    if prefs.max_contacts is not None and own >= prefs.max_contacts:
        found.append(
            f"the customer allows {count_text(prefs.max_contacts, 'contact')} in "
            f"{config.preference_window_days} days; {own} made"
        )
    recent = _recent(situation.contacts, now, config.fatigue_window_days)
    if recent >= config.fatigue_max_contacts:
        found.append(
            f"contact fatigue: {count_text(recent, 'contact')} started by the "
            f"organization in the last {config.fatigue_window_days} days, at most "
            f"{config.fatigue_max_contacts}"
        )
    return found


# ---------------------------------------------------------------- reasons


def _need_reason(action: ActionOption, focus: NeedKey, why_focus: str) -> str:
    if action.need is focus:
        return f"serves {focus}, the focus need: {why_focus}"
    return f"serves {action.need}; the focus need is {focus}"


def _uplift_reason(uplift: Uplift, situation: Situation, config: IntelConfig) -> str:
    if uplift.mean is None:
        return (
            "no similar relationships received it yet: expected uplift is the "
            f"catalogue prior {uplift.prior:+.1f}"
        )
    verb = "raised" if uplift.mean >= 0 else "lowered"
    # A case is one receipt: a relationship that received it twice counts twice.
    similar = f"{count_text(uplift.cases, 'case')} of similar relationships"
    return (
        f"{verb} goodwill by {abs(uplift.mean):.1f} on average over {similar} "
        f"({situation.tier}, {situation.type}); expected uplift "
        f"{uplift.expected:+.1f} with the catalogue prior {uplift.prior:+.1f} "
        f"weighing {config.prior_weight:g} cases"
    )


def _recent(moments: Iterable[datetime], now: datetime, days: int) -> int:
    start = now - timedelta(days=days)
    return sum(1 for moment in moments if start < moment <= now)


def _available(situation: Situation, config: IntelConfig) -> float:
    return max(0.0, situation.goodwill - config.ask_goodwill_floor)


def _gate_text(gate: Gate) -> str:
    return "no gate" if gate is Gate.CLIENT else f"gate {gate}"


def _compare(name: str, value: float, threshold: float) -> str:
    sign = ">=" if value >= threshold else "<"
    return f"{name} {value:.2f} {sign} {threshold:.2f}"


def _min_serve_conf(model: ModelConfig) -> float:
    return model.connection_min_confidence


def _min_conn_conf(model: ModelConfig) -> float:
    return model.resource_min_connect_confidence
