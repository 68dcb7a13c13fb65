"""Goodwill: a decayed ledger of signals, asks and openness, from 0 to 100."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sir import DEFAULT_CONFIG
from sir.goodwill import explain_goodwill, score_goodwill, score_openness
from sir.inputs import AskInput, RelationshipInputs, SignalInput, TouchpointInput
from sir.types import NEGATIVE_SIGNALS, POSITIVE_SIGNALS, Initiator, SignalKind

NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)
BASELINE = DEFAULT_CONFIG.goodwill_baseline


def goodwill_of(inputs: RelationshipInputs) -> float:
    """Goodwill as of NOW under the default configuration."""
    return score_goodwill(inputs, NOW, DEFAULT_CONFIG).value


def test_a_relationship_without_history_has_the_baseline() -> None:
    ledger = score_goodwill(RelationshipInputs(), NOW, DEFAULT_CONFIG)

    assert ledger.value == BASELINE
    assert ledger.openness == 0.0


@pytest.mark.parametrize("kind", sorted(POSITIVE_SIGNALS))
def test_a_positive_signal_deposits_its_configured_points(kind: SignalKind) -> None:
    inputs = RelationshipInputs(signals=[SignalInput(NOW, kind)])

    assert goodwill_of(inputs) == pytest.approx(
        BASELINE + DEFAULT_CONFIG.deposits[kind]
    )


@pytest.mark.parametrize("kind", sorted(NEGATIVE_SIGNALS))
def test_a_negative_signal_withdraws_its_configured_points(kind: SignalKind) -> None:
    inputs = RelationshipInputs(signals=[SignalInput(NOW, kind)])

    expected = max(0.0, BASELINE - DEFAULT_CONFIG.withdrawals[kind])
    assert goodwill_of(inputs) == pytest.approx(expected)


def test_a_signal_weight_scales_its_points() -> None:
    inputs = RelationshipInputs(signals=[SignalInput(NOW, SignalKind.REVIEW, 2.0)])

    assert goodwill_of(inputs) == pytest.approx(BASELINE + 10.0)


def test_an_ask_withdraws_its_goodwill_cost() -> None:
    inputs = RelationshipInputs(asks=[AskInput(NOW, goodwill_cost=8.0)])

    assert goodwill_of(inputs) == pytest.approx(BASELINE - 8.0)


def test_a_deposit_one_half_life_old_counts_half() -> None:
    age = timedelta(days=DEFAULT_CONFIG.goodwill_half_life_days)
    inputs = RelationshipInputs(signals=[SignalInput(NOW - age, SignalKind.REVIEW)])

    assert goodwill_of(inputs) == pytest.approx(BASELINE + 2.5)


def test_goodwill_is_held_within_zero_and_one_hundred_and_says_so() -> None:
    signals = [SignalInput(NOW, SignalKind.CO_CREATION) for _ in range(10)]
    ledger = score_goodwill(RelationshipInputs(signals=signals), NOW, DEFAULT_CONFIG)

    note = explain_goodwill(ledger)

    assert ledger.value == 100.0
    assert ledger.unclamped == pytest.approx(BASELINE + 120.0)
    assert note.text == (
        "goodwill 100.0 = baseline 25.0 + openness +0.0 + deposits 120.0 "
        "- asks 0.0 - negative signals 0.0 (sum 145.0 held within 0 to 100)"
    )


def contacts(by: Initiator, answered: bool | None, count: int) -> list[TouchpointInput]:
    """``count`` fresh contacts started by ``by``, each answered or not."""
    return [TouchpointInput(NOW, by, answered=answered) for _ in range(count)]


@pytest.mark.parametrize(
    ("touchpoints", "direction"),
    [
        pytest.param(contacts(Initiator.CUSTOMER, None, 6), 1, id="customer starts"),
        pytest.param(contacts(Initiator.ORGANIZATION, True, 6), 1, id="answers all"),
        pytest.param(
            contacts(Initiator.ORGANIZATION, False, 6), -1, id="never answers"
        ),
        pytest.param(contacts(Initiator.ORGANIZATION, None, 6), -1, id="only listens"),
    ],
)
def test_openness_adds_goodwill_when_the_customer_starts_and_answers_contact(
    touchpoints: list[TouchpointInput], direction: int
) -> None:
    ledger = score_goodwill(
        RelationshipInputs(touchpoints=touchpoints), NOW, DEFAULT_CONFIG
    )

    assert (ledger.value - BASELINE) * direction > 0


def test_openness_counts_answers_only_for_contacts_the_organisation_started() -> None:
    touchpoints = [
        TouchpointInput(NOW, Initiator.CUSTOMER, answered=False),
        TouchpointInput(NOW, Initiator.ORGANIZATION, answered=True),
        TouchpointInput(NOW, Initiator.ORGANIZATION, answered=None),
    ]

    openness = score_openness(touchpoints, NOW, DEFAULT_CONFIG)

    assert (openness.customer_started, openness.organization_started) == (1, 2)
    assert (openness.answered, openness.unanswered) == (1, 0)
