"""The State of the Relationship: tier, gates, type, risk, trend and why.

``profile_relationship`` is the model's entry point. It scores the needs and
goodwill (``needs.py``, ``goodwill.py``), then decides the rest here and
explains every figure. The trend compares with the same model evaluated over
the same inputs as of one window earlier, so no stored history is needed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sir.config import DEFAULT_CONFIG, ModelConfig
from sir.goodwill import explain_goodwill, explain_openness, score_goodwill
from sir.inputs import RelationshipInputs, RoleInput, StateSnapshot, check_utc
from sir.needs import explain_need, score_needs
from sir.types import (
    Explanation,
    Gate,
    GoodwillLedger,
    NeedKey,
    NeedScore,
    RelationshipProfile,
    RelationshipType,
    RoleStatus,
    Tier,
    Trend,
    count_text,
    signed_text,
)

TREND_FIGURES = ("goodwill", "serve", "connect", "role")


@dataclass(frozen=True, slots=True)
class _Moment:
    """What the model decides at one moment, before type, risk and trend."""

    needs: dict[NeedKey, NeedScore]
    ledger: GoodwillLedger
    quality: float
    gate: Gate
    gate_notes: tuple[Explanation, ...]


def decide_tier(goodwill: float, config: ModelConfig = DEFAULT_CONFIG) -> Tier:
    """The goodwill tier that ``goodwill`` falls in."""
    if goodwill >= config.tier_high_from:
        return Tier.HIGH
    if goodwill >= config.tier_medium_from:
        return Tier.MEDIUM
    return Tier.LOW


def relationship_quality(
    connect: NeedScore, goodwill: float, config: ModelConfig = DEFAULT_CONFIG
) -> float:
    """Relationship quality in [0, 1]: a weighted mean of connect and goodwill."""
    share = config.resource_connect_weight
    return share * connect.value + (1.0 - share) * goodwill / 100.0


def decide_gate(
    serve: NeedScore,
    connect: NeedScore,
    goodwill: float,
    config: ModelConfig = DEFAULT_CONFIG,
) -> tuple[Gate, tuple[Explanation, ...]]:
    """The highest gate passed, trying them in order, with why each passed or not."""
    connection_ok, connection = _try_connection(serve, config)
    if not connection_ok:
        # RESOURCE is never tried before CONNECTION: loyalty processes do not
        # work while service itself is not satisfactory.
        text = "gate RESOURCE not tried: gate CONNECTION must be passed first"
        resource = Explanation("gate.resource", text, {"passed": False})
        return Gate.CLIENT, (connection, resource)
    resource_ok, resource = _try_resource(connect, goodwill, config)
    gate = Gate.RESOURCE if resource_ok else Gate.CONNECTION
    return gate, (connection, resource)


def decide_type(
    gate: Gate, roles: Iterable[RoleInput], config: ModelConfig = DEFAULT_CONFIG
) -> tuple[RelationshipType, Explanation]:
    """The relationship type, from the gate passed and the roles the customer holds."""
    active = [r for r in roles if r.status is RoleStatus.ACTIVE]
    # Ties on rung are broken by key, so the same roles always name the same one.
    top = max(active, key=lambda r: (r.rung, r.key or ""), default=None)
    if top is not None and top.rung >= config.co_owning_min_rung:
        kind = RelationshipType.CO_OWNING
        why = f"ACTIVE {_role(top)} at rung {top.rung} >= {config.co_owning_min_rung}"
    elif gate is Gate.RESOURCE:
        kind, why = RelationshipType.COLLABORATIVE, "gate RESOURCE passed"
    elif top is not None:
        kind = RelationshipType.COLLABORATIVE
        why = f"ACTIVE {_role(top)} at rung {top.rung}"
    elif gate is Gate.CONNECTION:
        kind, why = RelationshipType.RELATIONAL, "gate CONNECTION passed"
    else:
        kind, why = RelationshipType.TRANSACTIONAL, "no gate passed and no ACTIVE role"
    inputs = {"gate": gate.value, "topRung": top.rung if top else -1}
    return kind, Explanation(
        f"type.{kind.value.lower()}", f"type {kind}: {why}", inputs
    )


def decide_at_risk(
    serve: NeedScore,
    goodwill: float,
    trend: Trend,
    inputs: RelationshipInputs,
    now: datetime,
    config: ModelConfig = DEFAULT_CONFIG,
) -> tuple[bool, tuple[Explanation, ...]]:
    """Whether the relationship is at risk, with every at-risk rule that fired."""
    notes = [
        *_falling_goodwill(goodwill, trend, config),
        *_below_previous(goodwill, inputs.previous, now, config),
        *_weak_service(serve, config),
        *_dropped_service(serve, trend, config),
        *_recent_alarms(inputs, now, config),
    ]
    if not notes:
        return False, (
            Explanation("at_risk.none", "not at risk: no at-risk rule fired"),
        )
    return True, tuple(notes)


def profile_relationship(
    inputs: RelationshipInputs,
    now: datetime,
    config: ModelConfig = DEFAULT_CONFIG,
) -> RelationshipProfile:
    """Profile a relationship as of ``now``; the same arguments give the same result."""
    now = check_utc(now, "evaluation time")
    current = _evaluate(inputs, now, config)
    since = now - timedelta(days=config.trend_window_days)
    before = _evaluate(inputs, since, config)
    trend = _trend(current, before, since)
    goodwill = current.ledger.value
    tier = decide_tier(goodwill, config)
    kind, type_note = decide_type(current.gate, inputs.roles, config)
    at_risk, risk_notes = decide_at_risk(
        current.needs[NeedKey.SERVE], goodwill, trend, inputs, now, config
    )
    return RelationshipProfile(
        at=now,
        model_version=config.version,
        serve=current.needs[NeedKey.SERVE],
        connect=current.needs[NeedKey.CONNECT],
        role=current.needs[NeedKey.ROLE],
        goodwill=goodwill,
        ledger=current.ledger,
        tier=tier,
        gate=current.gate,
        relationship_quality=current.quality,
        relationship_type=kind,
        at_risk=at_risk,
        trend=trend,
        explanation=(
            _explain_inputs(inputs, now, config),
            *(explain_need(score) for score in current.needs.values()),
            explain_openness(current.ledger),
            explain_goodwill(current.ledger),
            _explain_tier(tier, goodwill, config),
            *current.gate_notes,
            type_note,
            _explain_trend(trend, config),
            *risk_notes,
        ),
    )


# ---------------------------------------------------------------- internals


def _evaluate(
    inputs: RelationshipInputs, now: datetime, config: ModelConfig
) -> _Moment:
    needs = score_needs(inputs.touchpoints, now, config)
    ledger = score_goodwill(inputs, now, config)
    connect = needs[NeedKey.CONNECT]
    gate, notes = decide_gate(needs[NeedKey.SERVE], connect, ledger.value, config)
    quality = relationship_quality(connect, ledger.value, config)
    return _Moment(needs, ledger, quality, gate, notes)


def _trend(current: _Moment, before: _Moment, since: datetime) -> Trend:
    def change(key: NeedKey) -> float:
        return current.needs[key].value - before.needs[key].value

    return Trend(
        since=since,
        goodwill=current.ledger.value - before.ledger.value,
        serve=change(NeedKey.SERVE),
        connect=change(NeedKey.CONNECT),
        role=change(NeedKey.ROLE),
        gate_before=before.gate,
    )


def _try_connection(serve: NeedScore, config: ModelConfig) -> tuple[bool, Explanation]:
    ok = serve.value >= config.connection_min_serve
    ok = ok and serve.confidence >= config.connection_min_confidence
    text = (
        f"gate CONNECTION {'passed' if ok else 'not passed'}: "
        f"{_compare('serve', serve.value, config.connection_min_serve)} "
        f"over {count_text(serve.evidence, 'touchpoint')}, confidence "
        f"{_compare('', serve.confidence, config.connection_min_confidence)}"
    )
    inputs = {
        "serve": serve.value,
        "confidence": serve.confidence,
        "touchpoints": serve.evidence,
        "passed": ok,
    }
    return ok, Explanation("gate.connection", text, inputs)


def _try_resource(
    connect: NeedScore, goodwill: float, config: ModelConfig
) -> tuple[bool, Explanation]:
    quality = relationship_quality(connect, goodwill, config)
    ok = quality >= config.resource_min_quality
    ok = ok and connect.confidence >= config.resource_min_connect_confidence
    text = (
        f"gate RESOURCE {'passed' if ok else 'not passed'}: "
        f"{_compare('relationship quality', quality, config.resource_min_quality)} "
        f"from connect {connect.value:.2f} and goodwill {goodwill:.1f}, "
        f"connect confidence "
        f"{_compare('', connect.confidence, config.resource_min_connect_confidence)}"
    )
    inputs = {
        "quality": quality,
        "connect": connect.value,
        "goodwill": goodwill,
        "confidence": connect.confidence,
        "passed": ok,
    }
    return ok, Explanation("gate.resource", text, inputs)


def _falling_goodwill(
    goodwill: float, trend: Trend, config: ModelConfig
) -> list[Explanation]:
    if trend.goodwill > -config.at_risk_goodwill_drop:
        return []
    text = (
        f"at risk: goodwill fell {-trend.goodwill:.1f} points in "
        f"{config.trend_window_days} days, to {goodwill:.1f}, "
        f"a fall of {config.at_risk_goodwill_drop:.1f} or more"
    )
    return [Explanation("at_risk.goodwill_falling", text, {"change": trend.goodwill})]


def _below_previous(
    goodwill: float, previous: StateSnapshot | None, now: datetime, config: ModelConfig
) -> list[Explanation]:
    # A state of another model version, or from after ``now``, is no yardstick.
    if previous is None or previous.model_version != config.version:
        return []
    fall = previous.goodwill - goodwill
    if previous.at > now or fall < config.at_risk_goodwill_drop:
        return []
    text = (
        f"at risk: goodwill {goodwill:.1f} is {fall:.1f} below the "
        f"{previous.goodwill:.1f} of the state of {previous.at.date().isoformat()}"
    )
    inputs = {"goodwill": goodwill, "previous": previous.goodwill}
    return [Explanation("at_risk.below_previous", text, inputs)]


def _weak_service(serve: NeedScore, config: ModelConfig) -> list[Explanation]:
    # Only flag service the model is sure about: a new customer with no
    # evidence sits at the neutral 0.5, below the gate, and is not at risk.
    low = serve.value < config.connection_min_serve
    if not (low and serve.confidence >= config.connection_min_confidence):
        return []
    text = (
        f"at risk: {_compare('serve', serve.value, config.connection_min_serve)} "
        f"with confidence {serve.confidence:.2f}"
    )
    inputs = {"serve": serve.value, "confidence": serve.confidence}
    return [Explanation("at_risk.serve_below_gate", text, inputs)]


def _dropped_service(
    serve: NeedScore, trend: Trend, config: ModelConfig
) -> list[Explanation]:
    # Service that passed the first gate one window ago and has now fallen
    # below it: the model may not be sure of the new level yet (a customer
    # who drifts away has fewer contacts), but the fall itself is the alarm.
    if trend.gate_before is Gate.CLIENT or serve.value >= config.connection_min_serve:
        return []
    before = serve.value - trend.serve
    text = (
        f"at risk: {_compare('serve', serve.value, config.connection_min_serve)}, "
        f"down from {before:.2f} when gate {trend.gate_before} was passed "
        f"{config.trend_window_days} days before"
    )
    inputs = {"serve": serve.value, "before": before}
    return [Explanation("at_risk.serve_dropped", text, inputs)]


def _recent_alarms(
    inputs: RelationshipInputs, now: datetime, config: ModelConfig
) -> list[Explanation]:
    start = now - timedelta(days=config.at_risk_signal_days)
    kinds = sorted(
        {
            s.kind
            for s in inputs.signals
            if s.kind in config.at_risk_signal_kinds and start <= s.at <= now
        }
    )
    return [
        Explanation(
            "at_risk.recent_signal",
            f"at risk: {kind} signal in the last {config.at_risk_signal_days:g} days",
            {"kind": kind.value},
        )
        for kind in kinds
    ]


def _explain_inputs(
    inputs: RelationshipInputs, now: datetime, config: ModelConfig
) -> Explanation:
    seen = inputs.as_of(now)
    nouns = {"touchpoints": "touchpoint", "signals": "goodwill signal"}
    nouns |= {"asks": "ask", "roles": "role"}
    counts = {name: len(getattr(seen, name)) for name in nouns}
    later = sum(len(getattr(inputs, name)) for name in nouns) - sum(counts.values())
    listed = ", ".join(count_text(counts[name], noun) for name, noun in nouns.items())
    text = f"inputs as of {_iso(now)}: {listed}; model {config.version}"
    if later:
        text += f"; {count_text(later, 'later input')} ignored"
    previous = inputs.previous
    if previous is not None and previous.model_version != config.version:
        text += f"; previous state of model {previous.model_version} ignored"
    return Explanation("inputs", text, {**counts, "ignored": later, "at": _iso(now)})


def _explain_tier(tier: Tier, goodwill: float, config: ModelConfig) -> Explanation:
    low, high = config.tier_medium_from, config.tier_high_from
    if tier is Tier.HIGH:
        why = f"goodwill {goodwill:.1f} >= {high:.1f}"
    elif tier is Tier.MEDIUM:
        why = f"goodwill {goodwill:.1f} >= {low:.1f} and < {high:.1f}"
    else:
        why = f"goodwill {goodwill:.1f} < {low:.1f}"
    return Explanation("tier", f"tier {tier}: {why}", {"goodwill": goodwill})


def _explain_trend(trend: Trend, config: ModelConfig) -> Explanation:
    text = (
        f"trend over {config.trend_window_days} days: goodwill "
        f"{signed_text(trend.goodwill, 1)}, serve {signed_text(trend.serve, 2)}, "
        f"connect {signed_text(trend.connect, 2)}, role {signed_text(trend.role, 2)}"
    )
    changes = {name: getattr(trend, name) for name in TREND_FIGURES}
    return Explanation("trend", text, {"since": _iso(trend.since), **changes})


def _compare(name: str, value: float, threshold: float) -> str:
    sign = ">=" if value >= threshold else "<"
    return f"{name} {value:.2f} {sign} {threshold:.2f}".lstrip()


def _role(role: RoleInput) -> str:
    return f'role "{role.key}"' if role.key else "role"


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
