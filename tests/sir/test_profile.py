"""The profile: tier, gates, type, risk, trend and the explanation of each."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sir import DEFAULT_CONFIG, ModelConfig, profile_relationship
from sir.errors import InvalidInput
from sir.inputs import (
    RelationshipInputs,
    RoleInput,
    SignalInput,
    StateSnapshot,
    TouchpointInput,
)
from sir.profile import decide_tier, decide_type
from sir.types import (
    Gate,
    Initiator,
    NeedKey,
    RelationshipProfile,
    RelationshipType,
    RoleStatus,
    SignalKind,
    Tier,
)

NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)


def touchpoints(count: int, **fulfilment: float) -> list[TouchpointInput]:
    """``count`` fresh touchpoints that met the named needs as given."""
    needs = {NeedKey(key): value for key, value in fulfilment.items()}
    return [TouchpointInput(NOW, Initiator.CUSTOMER, needs) for _ in range(count)]


def explained(profile: RelationshipProfile) -> dict[str, str]:
    """The profile's explanation texts by rule id."""
    return {note.rule: note.text for note in profile.explanation}


def test_a_passed_gate_names_the_figure_the_threshold_and_the_evidence() -> None:
    inputs = RelationshipInputs(touchpoints=touchpoints(14, SERVE=0.5))

    profile = profile_relationship(inputs, NOW)

    assert profile.gate is Gate.CONNECTION
    assert explained(profile)["gate.connection"] == (
        "gate CONNECTION passed: serve 0.72 >= 0.60 over 14 touchpoints, "
        "confidence 0.82 >= 0.50"
    )


def test_too_little_evidence_passes_no_gate_and_resource_is_not_tried() -> None:
    inputs = RelationshipInputs(touchpoints=touchpoints(2, SERVE=1.0, CONNECT=1.0))

    profile = profile_relationship(inputs, NOW)

    assert profile.gate is Gate.CLIENT
    assert explained(profile)["gate.connection"] == (
        "gate CONNECTION not passed: serve 0.75 >= 0.60 over 2 touchpoints, "
        "confidence 0.40 < 0.50"
    )
    assert explained(profile)["gate.resource"] == (
        "gate RESOURCE not tried: gate CONNECTION must be passed first"
    )


def test_good_service_a_good_connection_and_goodwill_pass_the_resource_gate() -> None:
    signals = [SignalInput(NOW, SignalKind.CO_CREATION) for _ in range(2)]
    inputs = RelationshipInputs(
        touchpoints=touchpoints(14, SERVE=1.0, CONNECT=1.0), signals=signals
    )

    profile = profile_relationship(inputs, NOW)

    assert profile.gate is Gate.RESOURCE
    assert profile.relationship_type is RelationshipType.COLLABORATIVE
    assert explained(profile)["gate.resource"].startswith(
        "gate RESOURCE passed: relationship quality 0.7"
    )


@pytest.mark.parametrize(
    ("goodwill", "tier"),
    [
        (0.0, Tier.LOW),
        (34.99, Tier.LOW),
        (35.0, Tier.MEDIUM),
        (64.99, Tier.MEDIUM),
        (65.0, Tier.HIGH),
        (100.0, Tier.HIGH),
    ],
)
def test_tier_thresholds_include_their_lower_bound(goodwill: float, tier: Tier) -> None:
    assert decide_tier(goodwill) is tier


@pytest.mark.parametrize(
    ("signals", "text"),
    [
        pytest.param(0, "tier LOW: goodwill 25.0 < 35.0", id="low"),
        pytest.param(1, "tier MEDIUM: goodwill 37.0 >= 35.0 and < 65.0", id="medium"),
        pytest.param(4, "tier HIGH: goodwill 73.0 >= 65.0", id="high"),
    ],
)
def test_the_tier_is_explained_by_its_threshold(signals: int, text: str) -> None:
    inputs = RelationshipInputs(
        signals=[SignalInput(NOW, SignalKind.CO_CREATION) for _ in range(signals)]
    )

    profile = profile_relationship(inputs, NOW)

    assert explained(profile)["tier"] == text


@pytest.mark.parametrize(
    ("roles", "gate", "expected"),
    [
        ([RoleInput(3, RoleStatus.ACTIVE)], Gate.CLIENT, RelationshipType.CO_OWNING),
        ([RoleInput(5, RoleStatus.ACTIVE)], Gate.RESOURCE, RelationshipType.CO_OWNING),
        (
            [RoleInput(2, RoleStatus.ACTIVE)],
            Gate.CLIENT,
            RelationshipType.COLLABORATIVE,
        ),
        (
            [RoleInput(5, RoleStatus.EXPLORING), RoleInput(4, RoleStatus.LAPSED)],
            Gate.CONNECTION,
            RelationshipType.RELATIONAL,
        ),
        ([], Gate.RESOURCE, RelationshipType.COLLABORATIVE),
        ([], Gate.CLIENT, RelationshipType.TRANSACTIONAL),
    ],
)
def test_only_an_active_role_at_a_high_rung_makes_a_customer_co_owning(
    roles: list[RoleInput], gate: Gate, expected: RelationshipType
) -> None:
    kind, _ = decide_type(gate, roles)

    assert kind is expected


def test_co_owning_names_the_role_and_its_rung() -> None:
    roles = [
        RoleInput(1, RoleStatus.ACTIVE, "reviewer"),
        RoleInput(4, RoleStatus.ACTIVE, "ambassador"),
    ]

    profile = profile_relationship(RelationshipInputs(roles=roles), NOW)

    assert profile.relationship_type is RelationshipType.CO_OWNING
    assert explained(profile)["type.co_owning"] == (
        'type CO_OWNING: ACTIVE role "ambassador" at rung 4 >= 3'
    )


def test_a_new_customer_is_not_at_risk() -> None:
    profile = profile_relationship(RelationshipInputs(), NOW)

    assert not profile.at_risk
    assert explained(profile)["at_risk.none"] == "not at risk: no at-risk rule fired"


def test_service_confidently_below_the_first_gate_puts_a_relationship_at_risk() -> None:
    inputs = RelationshipInputs(touchpoints=touchpoints(10, SERVE=-0.5))

    profile = profile_relationship(inputs, NOW)

    assert profile.at_risk
    assert explained(profile)["at_risk.serve_below_gate"] == (
        "at risk: serve 0.29 < 0.60 with confidence 0.77"
    )


def test_goodwill_falling_over_the_window_puts_a_relationship_at_risk() -> None:
    opt_out = SignalInput(NOW - timedelta(days=2), SignalKind.OPT_OUT)

    profile = profile_relationship(RelationshipInputs(signals=[opt_out]), NOW)

    assert profile.at_risk
    assert profile.trend.goodwill == pytest.approx(-10 * 0.5 ** (2 / 180))
    assert explained(profile)["at_risk.goodwill_falling"].startswith(
        "at risk: goodwill fell 9.9 points in 30 days, to 15.1"
    )


def test_service_dropping_below_the_first_gate_puts_a_relationship_at_risk() -> None:
    # Four good contacts passed gate CONNECTION a window ago; two bad ones
    # since have pulled serve below it.
    good = [
        TouchpointInput(
            NOW - timedelta(days=35), Initiator.CUSTOMER, {NeedKey.SERVE: 1.0}
        )
        for _ in range(4)
    ]
    inputs = RelationshipInputs(touchpoints=[*good, *touchpoints(2, SERVE=-1.0)])

    profile = profile_relationship(inputs, NOW)

    assert (profile.trend.gate_before, profile.gate) == (Gate.CONNECTION, Gate.CLIENT)
    assert profile.at_risk
    assert explained(profile)["at_risk.serve_dropped"] == (
        "at risk: serve 0.57 < 0.60, down from 0.83 when gate CONNECTION was "
        "passed 30 days before"
    )


def test_service_that_never_passed_the_first_gate_has_not_dropped() -> None:
    inputs = RelationshipInputs(touchpoints=touchpoints(1, SERVE=-1.0))

    profile = profile_relationship(inputs, NOW)

    assert not profile.at_risk
    assert "at_risk.serve_dropped" not in explained(profile)


@pytest.mark.parametrize(
    ("age_in_days", "at_risk"), [(10, True), (29, True), (31, False)]
)
def test_a_recent_churn_intent_puts_a_relationship_at_risk(
    age_in_days: int, at_risk: bool
) -> None:
    churn = SignalInput(NOW - timedelta(days=age_in_days), SignalKind.CHURN_INTENT)
    profile = profile_relationship(RelationshipInputs(signals=[churn]), NOW)

    assert ("at_risk.recent_signal" in explained(profile)) is at_risk


@pytest.mark.parametrize(
    ("version", "at_risk"),
    [(DEFAULT_CONFIG.version, True), ("sir-model/0.9", False)],
)
def test_goodwill_below_the_previous_state_of_the_same_model_is_a_risk(
    version: str, at_risk: bool
) -> None:
    previous = StateSnapshot(NOW - timedelta(days=7), 60.0, Gate.CONNECTION, version)

    profile = profile_relationship(RelationshipInputs(previous=previous), NOW)

    assert profile.at_risk is at_risk
    assert ("at_risk.below_previous" in explained(profile)) is at_risk


def test_a_previous_state_of_another_model_is_said_to_be_ignored() -> None:
    previous = StateSnapshot(NOW, 60.0, Gate.CONNECTION, "sir-model/0.9")

    profile = profile_relationship(RelationshipInputs(previous=previous), NOW)

    assert explained(profile)["inputs"].endswith(
        "; previous state of model sir-model/0.9 ignored"
    )


def test_the_explanation_lists_the_inputs_and_what_was_ignored() -> None:
    later = TouchpointInput(NOW + timedelta(hours=1), Initiator.CUSTOMER)
    inputs = RelationshipInputs(
        touchpoints=[*touchpoints(3, SERVE=0.0), later],
        signals=[SignalInput(NOW, SignalKind.REVIEW)],
    )

    profile = profile_relationship(inputs, NOW)

    assert explained(profile)["inputs"] == (
        "inputs as of 2025-06-01T12:00:00Z: 3 touchpoints, 1 goodwill signal, "
        f"0 asks, 0 roles; model {DEFAULT_CONFIG.version}; 1 later input ignored"
    )


def test_the_trend_compares_with_the_same_model_one_window_earlier() -> None:
    review = SignalInput(NOW - timedelta(days=10), SignalKind.REVIEW)
    inputs = RelationshipInputs(
        signals=[review], touchpoints=touchpoints(4, CONNECT=1.0)
    )

    profile = profile_relationship(inputs, NOW)

    assert profile.trend.since == NOW - timedelta(days=30)
    assert profile.trend.serve == 0.0
    assert profile.trend.connect == pytest.approx((1.0 + 4.0) / 6.0 - 0.5)
    assert explained(profile)["trend"].startswith("trend over 30 days: goodwill +")


def test_every_profile_carries_the_version_of_its_model() -> None:
    config = ModelConfig(version="sir-model/test")

    profile = profile_relationship(RelationshipInputs(), NOW, config)

    assert profile.model_version == "sir-model/test"


def test_each_need_is_explained_in_the_profile() -> None:
    profile = profile_relationship(RelationshipInputs(), NOW)

    rules = explained(profile)

    assert {f"need.{key.value.lower()}" for key in NeedKey} <= set(rules)


def test_a_naive_evaluation_time_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        profile_relationship(RelationshipInputs(), datetime(2025, 6, 1))

    assert caught.value.field == "evaluation time"
