"""The flat state stored on graph nodes, and when it counts as changed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sir import (
    profile_relationship,
    snapshot_from_state_properties,
    state_changed,
    to_state_properties,
)
from sir.errors import InvalidInput
from sir.inputs import RelationshipInputs, SignalInput
from sir.types import Gate, SignalKind

NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)
STATE = to_state_properties(
    profile_relationship(
        RelationshipInputs(signals=[SignalInput(NOW, SignalKind.REVIEW)]), NOW
    )
)


def test_the_flat_state_holds_plain_values_under_the_graph_names() -> None:
    keys = set(STATE)

    assert keys == {
        "at", "modelVersion", "serve", "serveConfidence", "connect",
        "connectConfidence", "role", "roleConfidence", "goodwill",
        "goodwillTrend", "tier", "gate", "type", "atRisk",
    }  # fmt: skip
    assert type(STATE["tier"]) is str
    assert type(STATE["gate"]) is str
    assert STATE["at"] == NOW


@pytest.mark.parametrize(
    ("change", "changed"),
    [
        pytest.param({}, False, id="same"),
        pytest.param({"at": NOW + timedelta(days=1)}, False, id="only the time"),
        pytest.param({"goodwill": 30.05}, False, id="goodwill noise"),
        pytest.param({"goodwill": 30.5}, True, id="goodwill moved"),
        pytest.param({"serve": 0.5004}, False, id="need noise"),
        pytest.param({"serve": 0.51}, True, id="need moved"),
        pytest.param({"tier": "HIGH"}, True, id="tier"),
        pytest.param({"atRisk": True}, True, id="at risk"),
        pytest.param({"modelVersion": "sir-model/2.0"}, True, id="model version"),
        pytest.param({"extra": 1.0}, True, id="new property"),
    ],
)
def test_a_state_changes_only_beyond_float_noise(
    change: dict[str, object], changed: bool
) -> None:
    new = {**STATE, **change}

    assert state_changed(STATE, new) is changed


def test_there_is_always_a_change_from_no_state() -> None:
    assert state_changed(None, STATE)


def test_a_stored_state_reads_back_as_the_snapshot_to_compare_with() -> None:
    snapshot = snapshot_from_state_properties(STATE)

    assert snapshot.at == NOW
    assert snapshot.goodwill == STATE["goodwill"]
    assert snapshot.gate is Gate.CLIENT
    assert snapshot.model_version == STATE["modelVersion"]


def test_a_stored_state_without_goodwill_is_refused_by_name() -> None:
    incomplete = {key: value for key, value in STATE.items() if key != "goodwill"}

    with pytest.raises(InvalidInput) as caught:
        snapshot_from_state_properties(incomplete)

    assert caught.value.field == "goodwill"
    assert str(caught.value) == 'The stored state lacks the property "goodwill".'
