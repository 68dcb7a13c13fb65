"""Need fulfilment: a decayed mean of touchpoints, shrunk towards neutral."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sir import DEFAULT_CONFIG
from sir.inputs import TouchpointInput
from sir.needs import decay_weight, explain_need, score_need
from sir.types import Initiator, NeedKey

NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)
HALF_LIFE = timedelta(days=DEFAULT_CONFIG.need_half_life_days)


def serve_touchpoint(
    fulfilment: float, age: timedelta = timedelta()
) -> TouchpointInput:
    """A touchpoint that addressed the need to be served, ``age`` before NOW."""
    return TouchpointInput(NOW - age, Initiator.CUSTOMER, {NeedKey.SERVE: fulfilment})


def test_a_need_without_evidence_is_neutral_with_no_confidence() -> None:
    score = score_need(NeedKey.SERVE, [], NOW, DEFAULT_CONFIG)

    assert score.value == 0.5
    assert score.confidence == 0.0
    assert score.evidence == 0


def test_two_perfect_touchpoints_do_not_make_a_verdict() -> None:
    touchpoints = [serve_touchpoint(1.0), serve_touchpoint(1.0)]

    score = score_need(NeedKey.SERVE, touchpoints, NOW, DEFAULT_CONFIG)

    # Prior of weight 2 at 0.5 plus two observations of 1.0.
    assert score.value == pytest.approx(0.75)
    assert score.confidence == pytest.approx(2 / (2 + 3))


@pytest.mark.parametrize(
    ("fulfilment", "expected"),
    [(-1.0, 1 / 3), (0.0, 0.5), (1.0, 2 / 3)],
)
def test_fulfilment_from_minus_one_to_one_maps_onto_zero_to_one(
    fulfilment: float, expected: float
) -> None:
    score = score_need(
        NeedKey.SERVE, [serve_touchpoint(fulfilment)], NOW, DEFAULT_CONFIG
    )

    assert score.value == pytest.approx(expected)


def test_a_touchpoint_one_half_life_old_counts_half() -> None:
    old = serve_touchpoint(1.0, age=HALF_LIFE)

    score = score_need(NeedKey.SERVE, [old], NOW, DEFAULT_CONFIG)

    assert score.evidence_weight == pytest.approx(0.5)
    assert score.value == pytest.approx((2 * 0.5 + 0.5 * 1.0) / 2.5)


def test_decay_weight_halves_every_half_life() -> None:
    weights = [decay_weight(NOW - HALF_LIFE * n, NOW, 90.0) for n in range(4)]

    assert weights == pytest.approx([1.0, 0.5, 0.25, 0.125])


def test_touchpoints_after_now_and_of_other_needs_are_not_counted() -> None:
    tomorrow = NOW + timedelta(days=1)
    later = TouchpointInput(tomorrow, Initiator.CUSTOMER, {NeedKey.SERVE: -1.0})
    other = TouchpointInput(NOW, Initiator.CUSTOMER, {NeedKey.ROLE: -1.0})

    score = score_need(NeedKey.SERVE, [later, other], NOW, DEFAULT_CONFIG)

    assert score.evidence == 0
    assert score.value == 0.5


def test_a_need_explains_its_value_confidence_and_evidence() -> None:
    touchpoints = [serve_touchpoint(0.5) for _ in range(14)]
    score = score_need(NeedKey.SERVE, touchpoints, NOW, DEFAULT_CONFIG)

    note = explain_need(score)

    assert note.rule == "need.serve"
    assert note.text == "need SERVE 0.72 with confidence 0.82 over 14 touchpoints"
    assert note.inputs["touchpoints"] == 14
