"""Goodwill: how open the line between customer and organisation is, 0 to 100.

Goodwill is a ledger. It starts at a baseline; goodwill signals deposit;
asks the organisation makes and negative signals withdraw; openness (the
customer starting contact and answering the organisation) adds or takes
away. Every line decays with its age, so old events fade back towards the
baseline.

The ledger is the decayed sum of all lines, held within [0, 100] once at
the end rather than after each event. That keeps it independent of the order
of events and lets every line be read off on its own in the explanation; the
price is that a withdrawal at 0 still counts against later deposits.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from sir.config import ModelConfig
from sir.inputs import AskInput, RelationshipInputs, SignalInput, TouchpointInput
from sir.needs import decay_weight, shrunk_mean
from sir.types import (
    Explanation,
    GoodwillLedger,
    Initiator,
    Openness,
    count_text,
    signed_text,
)

GOODWILL_MIN = 0.0
GOODWILL_MAX = 100.0


def score_openness(
    touchpoints: Iterable[TouchpointInput], now: datetime, config: ModelConfig
) -> Openness:
    """Score openness from who started each contact and whether it was answered."""
    half_life = config.goodwill_half_life_days
    seen = [t for t in touchpoints if t.at <= now]
    started = [
        (
            decay_weight(t.at, now, half_life),
            float(t.initiated_by is Initiator.CUSTOMER),
        )
        for t in seen
    ]
    asked = [
        (decay_weight(t.at, now, half_life), float(t.answered))
        for t in seen
        if t.initiated_by is Initiator.ORGANIZATION and t.answered is not None
    ]
    prior, neutral = config.openness_prior_weight, config.neutral
    initiative, _ = shrunk_mean(started, prior, neutral)
    response, _ = shrunk_mean(asked, prior, neutral)
    w_initiative = config.openness_initiative_weight
    w_response = config.openness_response_weight
    value = (w_initiative * initiative + w_response * response) / (
        w_initiative + w_response
    )
    answered = sum(1 for _, was_answered in asked if was_answered)
    return Openness(
        value=value,
        initiative=initiative,
        response=response,
        customer_started=sum(1 for _, by_customer in started if by_customer),
        organization_started=sum(1 for _, by_customer in started if not by_customer),
        answered=answered,
        unanswered=len(asked) - answered,
    )


def sum_deposits(
    signals: Iterable[SignalInput], now: datetime, config: ModelConfig
) -> float:
    """The decayed points deposited by positive signals at or before ``now``."""
    return math.fsum(
        config.deposits[s.kind] * s.weight * _decay(s.at, now, config)
        for s in signals
        if not s.kind.is_negative and s.at <= now
    )


def sum_signal_withdrawals(
    signals: Iterable[SignalInput], now: datetime, config: ModelConfig
) -> float:
    """The decayed points withdrawn by negative signals at or before ``now``."""
    return math.fsum(
        config.withdrawals[s.kind] * s.weight * _decay(s.at, now, config)
        for s in signals
        if s.kind.is_negative and s.at <= now
    )


def sum_ask_withdrawals(
    asks: Iterable[AskInput], now: datetime, config: ModelConfig
) -> float:
    """The decayed goodwill cost of the asks made at or before ``now``."""
    return math.fsum(
        a.goodwill_cost * _decay(a.at, now, config) for a in asks if a.at <= now
    )


def score_goodwill(
    inputs: RelationshipInputs, now: datetime, config: ModelConfig
) -> GoodwillLedger:
    """Balance the goodwill ledger of a relationship as of ``now``."""
    openness = score_openness(inputs.touchpoints, now, config)
    # Openness at the neutral point adds nothing; fully open adds all points.
    openness_points = config.openness_points * (2.0 * openness.value - 1.0)
    ledger = GoodwillLedger(
        value=0.0,
        baseline=config.goodwill_baseline,
        openness=openness_points,
        deposits=sum_deposits(inputs.signals, now, config),
        ask_withdrawals=sum_ask_withdrawals(inputs.asks, now, config),
        signal_withdrawals=sum_signal_withdrawals(inputs.signals, now, config),
        openness_detail=openness,
    )
    value = min(GOODWILL_MAX, max(GOODWILL_MIN, ledger.unclamped))
    return replace(ledger, value=value)


def explain_openness(ledger: GoodwillLedger) -> Explanation:
    """Say how open the line is and what that adds to goodwill."""
    o = ledger.openness_detail
    started = o.customer_started + o.organization_started
    asked = o.answered + o.unanswered
    text = (
        f"openness {o.value:.2f}: the customer started {o.customer_started} of "
        f"{count_text(started, 'contact')} and answered {o.answered} of {asked} that "
        f"expected an answer; goodwill {signed_text(ledger.openness, 1)}"
    )
    inputs = {"value": o.value, "initiative": o.initiative, "response": o.response}
    return Explanation("goodwill.openness", text, inputs)


def explain_goodwill(ledger: GoodwillLedger) -> Explanation:
    """Say which ledger lines goodwill is the sum of."""
    text = (
        f"goodwill {ledger.value:.1f} = baseline {ledger.baseline:.1f} "
        f"+ openness {signed_text(ledger.openness, 1)} "
        f"+ deposits {ledger.deposits:.1f} "
        f"- asks {ledger.ask_withdrawals:.1f} "
        f"- negative signals {ledger.signal_withdrawals:.1f}"
    )
    if ledger.unclamped != ledger.value:
        text += f" (sum {ledger.unclamped:.1f} held within 0 to 100)"
    inputs = {
        "baseline": ledger.baseline,
        "openness": ledger.openness,
        "deposits": ledger.deposits,
        "asks": ledger.ask_withdrawals,
        "negativeSignals": ledger.signal_withdrawals,
    }
    return Explanation("goodwill.ledger", text, inputs)


def _decay(at: datetime, now: datetime, config: ModelConfig) -> float:
    return decay_weight(at, now, config.goodwill_half_life_days)
