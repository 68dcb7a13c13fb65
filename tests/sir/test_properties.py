"""Properties that must hold for every input the model can be given."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sir import DEFAULT_CONFIG, profile_relationship, to_state_properties
from sir.inputs import (
    AskInput,
    RelationshipInputs,
    RoleInput,
    SignalInput,
    StateSnapshot,
    TouchpointInput,
)
from sir.types import (
    NEGATIVE_SIGNALS,
    POSITIVE_SIGNALS,
    Gate,
    Initiator,
    NeedKey,
    RoleStatus,
    SignalKind,
)

NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)
TWO_YEARS_IN_HOURS = 2 * 365 * 24

# The model is cheap, but the suite must stay fast: a few dozen cases each.
fast = settings(max_examples=30, deadline=None)

past = st.integers(0, TWO_YEARS_IN_HOURS).map(lambda h: NOW - timedelta(hours=h))
# Some inputs lie after NOW: the model must ignore them.
moments = st.integers(-24 * 60, TWO_YEARS_IN_HOURS).map(
    lambda h: NOW - timedelta(hours=h)
)
fulfilments = st.floats(-1.0, 1.0)
touchpoints = st.builds(
    TouchpointInput,
    at=moments,
    initiated_by=st.sampled_from(Initiator),
    fulfilment=st.dictionaries(st.sampled_from(NeedKey), fulfilments),
    answered=st.none() | st.booleans(),
)


def signals_of(kinds: frozenset[SignalKind]) -> st.SearchStrategy[SignalInput]:
    """Signals of the given kinds, at any moment, of any weight."""
    return st.builds(
        SignalInput,
        at=moments,
        kind=st.sampled_from(sorted(kinds)),
        weight=st.floats(0.0, 10.0),
    )


asks = st.builds(AskInput, at=moments, goodwill_cost=st.floats(0.0, 100.0))
roles = st.builds(RoleInput, rung=st.integers(0, 6), status=st.sampled_from(RoleStatus))
previous_states = st.none() | st.builds(
    StateSnapshot,
    at=moments,
    goodwill=st.floats(0.0, 100.0),
    gate=st.sampled_from(Gate),
    model_version=st.sampled_from([DEFAULT_CONFIG.version, "sir-model/0.9"]),
)
relationships = st.builds(
    RelationshipInputs,
    touchpoints=st.lists(touchpoints, max_size=25),
    signals=st.lists(signals_of(frozenset(SignalKind)), max_size=10),
    asks=st.lists(asks, max_size=5),
    roles=st.lists(roles, max_size=3),
    previous=previous_states,
)


def with_extra(
    inputs: RelationshipInputs, extra: TouchpointInput | SignalInput | AskInput
) -> RelationshipInputs:
    """The same inputs with one more touchpoint, signal or ask."""
    if isinstance(extra, TouchpointInput):
        return replace(inputs, touchpoints=(*inputs.touchpoints, extra))
    if isinstance(extra, SignalInput):
        return replace(inputs, signals=(*inputs.signals, extra))
    return replace(inputs, asks=(*inputs.asks, extra))


@fast
@given(inputs=relationships)
def test_every_figure_stays_in_its_range(inputs: RelationshipInputs) -> None:
    profile = profile_relationship(inputs, NOW)

    for need in profile.needs.values():
        assert 0.0 <= need.value <= 1.0
        assert 0.0 <= need.confidence <= 1.0
    assert 0.0 <= profile.goodwill <= 100.0
    assert 0.0 <= profile.relationship_quality <= 1.0
    assert 0.0 <= profile.ledger.openness_detail.value <= 1.0
    assert -100.0 <= profile.trend.goodwill <= 100.0
    for change in (profile.trend.serve, profile.trend.connect, profile.trend.role):
        assert -1.0 <= change <= 1.0


@pytest.mark.parametrize(
    ("extras", "direction"),
    [
        pytest.param(signals_of(POSITIVE_SIGNALS), 1, id="positive signal"),
        pytest.param(signals_of(NEGATIVE_SIGNALS), -1, id="negative signal"),
        pytest.param(asks, -1, id="ask"),
    ],
)
@fast
@given(data=st.data(), inputs=relationships)
def test_goodwill_moves_only_in_the_direction_of_the_new_entry(
    extras: st.SearchStrategy[SignalInput | AskInput],
    direction: int,
    data: st.DataObject,
    inputs: RelationshipInputs,
) -> None:
    extra = data.draw(extras)
    before = profile_relationship(inputs, NOW).goodwill

    after = profile_relationship(with_extra(inputs, extra), NOW).goodwill

    assert (after - before) * direction >= 0.0


@fast
@given(
    inputs=relationships,
    at=past,
    need=st.sampled_from(NeedKey),
    low=fulfilments,
    high=fulfilments,
)
def test_a_better_fulfilled_touchpoint_never_lowers_its_need(
    inputs: RelationshipInputs, at: datetime, need: NeedKey, low: float, high: float
) -> None:
    low, high = sorted((low, high))
    worse = TouchpointInput(at, Initiator.CUSTOMER, {need: low})
    better = TouchpointInput(at, Initiator.CUSTOMER, {need: high})

    with_worse = profile_relationship(with_extra(inputs, worse), NOW)
    with_better = profile_relationship(with_extra(inputs, better), NOW)

    assert with_better.needs[need].value >= with_worse.needs[need].value - 1e-12


@fast
@given(
    inputs=relationships,
    ages=st.lists(st.integers(0, TWO_YEARS_IN_HOURS), min_size=2, max_size=2),
    need=st.sampled_from(NeedKey),
    fulfilment=fulfilments,
)
def test_the_same_touchpoint_further_in_the_past_moves_its_need_less(
    inputs: RelationshipInputs, ages: list[int], need: NeedKey, fulfilment: float
) -> None:
    recent_age, old_age = sorted(ages)
    base = profile_relationship(inputs, NOW).needs[need].value

    def moved_by(age_in_hours: int) -> float:
        at = NOW - timedelta(hours=age_in_hours)
        touchpoint = TouchpointInput(at, Initiator.CUSTOMER, {need: fulfilment})
        profile = profile_relationship(with_extra(inputs, touchpoint), NOW)
        return abs(profile.needs[need].value - base)

    assert moved_by(old_age) <= moved_by(recent_age) + 1e-12


@fast
@given(inputs=relationships)
def test_gates_are_passed_in_order_and_never_skipped(
    inputs: RelationshipInputs,
) -> None:
    config = DEFAULT_CONFIG

    profile = profile_relationship(inputs, NOW)

    serve_ok = profile.serve.value >= config.connection_min_serve
    sure = profile.serve.confidence >= config.connection_min_confidence
    assert (profile.gate.rank >= Gate.CONNECTION.rank) == (serve_ok and sure)
    if profile.gate is Gate.RESOURCE:
        assert profile.relationship_quality >= config.resource_min_quality
    rules = {note.rule: note.text for note in profile.explanation}
    if profile.gate is Gate.CLIENT:
        assert rules["gate.resource"].startswith("gate RESOURCE not tried")


@fast
@given(inputs=relationships)
def test_service_puts_at_risk_only_below_the_first_gate_and_always_when_it_dropped(
    inputs: RelationshipInputs,
) -> None:
    window = timedelta(days=DEFAULT_CONFIG.trend_window_days)
    threshold = DEFAULT_CONFIG.connection_min_serve

    profile = profile_relationship(inputs, NOW)
    then = profile_relationship(inputs, NOW - window)

    rules = {note.rule for note in profile.explanation}
    service_rules = rules & {"at_risk.serve_below_gate", "at_risk.serve_dropped"}
    below = profile.serve.value < threshold
    assert below or not service_rules
    if below and then.gate is not Gate.CLIENT:
        assert profile.at_risk
        assert "at_risk.serve_dropped" in rules


@fast
@given(inputs=relationships)
def test_the_same_inputs_give_the_same_profile_in_any_order(
    inputs: RelationshipInputs,
) -> None:
    reversed_inputs = replace(
        inputs,
        touchpoints=inputs.touchpoints[::-1],
        signals=inputs.signals[::-1],
        asks=inputs.asks[::-1],
        roles=inputs.roles[::-1],
    )

    first = profile_relationship(inputs, NOW)
    again = profile_relationship(inputs, NOW)
    reordered = profile_relationship(reversed_inputs, NOW)

    assert first == again
    assert to_state_properties(first) == to_state_properties(reordered)


@fast
@given(inputs=relationships)
def test_the_trend_is_the_change_since_the_start_of_the_window(
    inputs: RelationshipInputs,
) -> None:
    window = timedelta(days=DEFAULT_CONFIG.trend_window_days)

    now = profile_relationship(inputs, NOW)
    then = profile_relationship(inputs, NOW - window)

    assert now.trend.goodwill == pytest.approx(now.goodwill - then.goodwill)
    assert now.trend.serve == pytest.approx(now.serve.value - then.serve.value)
    assert now.trend.gate_before is then.gate


@fast
@given(inputs=relationships, later=st.lists(touchpoints, max_size=5))
def test_inputs_dated_after_now_change_nothing(
    inputs: RelationshipInputs, later: list[TouchpointInput]
) -> None:
    future = [
        replace(t, at=NOW + abs(NOW - t.at) + timedelta(seconds=1)) for t in later
    ]
    with_future = replace(inputs, touchpoints=(*inputs.touchpoints, *future))

    plain = to_state_properties(profile_relationship(inputs, NOW))
    ignoring = to_state_properties(profile_relationship(with_future, NOW))

    assert ignoring == plain
