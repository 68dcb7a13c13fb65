"""Need fulfilment: how well each of the three needs is met, from touchpoints.

A need's value is a time-decayed mean of the fulfilment of the touchpoints
that addressed it, shrunk towards a neutral value by a prior, so that a
handful of touchpoints cannot make a verdict. Its confidence grows with the
decayed weight of that evidence.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import datetime

from sir.config import ModelConfig
from sir.inputs import TouchpointInput
from sir.types import Explanation, NeedKey, NeedScore, count_text

SECONDS_PER_DAY = 86_400.0


def age_in_days(at: datetime, now: datetime) -> float:
    """Days from ``at`` to ``now``; never negative."""
    return max(0.0, (now - at).total_seconds() / SECONDS_PER_DAY)


def decay_weight(at: datetime, now: datetime, half_life_days: float) -> float:
    """The weight of evidence from ``at`` as seen at ``now``: 1 when fresh."""
    return math.pow(0.5, age_in_days(at, now) / half_life_days)


def shrunk_mean(
    weighted: Iterable[tuple[float, float]], prior_weight: float, neutral: float
) -> tuple[float, float]:
    """The mean of (weight, value) pairs shrunk towards ``neutral``, and its weight.

    The prior counts as ``prior_weight`` observations of ``neutral``. ``fsum``
    keeps the result independent of the order of the pairs.
    """
    pairs = list(weighted)
    weight = math.fsum(w for w, _ in pairs)
    total = math.fsum(w * value for w, value in pairs)
    mean = (prior_weight * neutral + total) / (prior_weight + weight)
    return min(1.0, max(0.0, mean)), weight


def score_need(
    key: NeedKey,
    touchpoints: Iterable[TouchpointInput],
    now: datetime,
    config: ModelConfig,
) -> NeedScore:
    """Score one need from the touchpoints at or before ``now`` that addressed it."""
    # Fulfilment runs from -1 to 1 on the graph; the score runs from 0 to 1.
    weighted = [
        (
            decay_weight(t.at, now, config.need_half_life_days),
            (t.fulfilment[key] + 1.0) / 2.0,
        )
        for t in touchpoints
        if key in t.fulfilment and t.at <= now
    ]
    value, weight = shrunk_mean(weighted, config.prior_weight, config.neutral)
    confidence = weight / (weight + config.confidence_half_weight)
    return NeedScore(
        key=key,
        value=value,
        confidence=confidence,
        evidence=len(weighted),
        evidence_weight=weight,
    )


def score_needs(
    touchpoints: Iterable[TouchpointInput], now: datetime, config: ModelConfig
) -> dict[NeedKey, NeedScore]:
    """Score all three needs as of ``now``."""
    touchpoints = tuple(touchpoints)
    return {key: score_need(key, touchpoints, now, config) for key in NeedKey}


def explain_need(score: NeedScore) -> Explanation:
    """Say how a need score came about."""
    text = (
        f"need {score.key} {score.value:.2f} with confidence "
        f"{score.confidence:.2f} over {count_text(score.evidence, 'touchpoint')}"
    )
    inputs = {
        "value": score.value,
        "confidence": score.confidence,
        "touchpoints": score.evidence,
        "weight": score.evidence_weight,
    }
    return Explanation(f"need.{score.key.value.lower()}", text, inputs)
