"""Inputs, configuration and errors: bad values are refused with a clear message."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from sir import DEFAULT_CONFIG, ModelConfig
from sir.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    SirError,
    Unavailable,
)
from sir.inputs import AskInput, RoleInput, SignalInput, TouchpointInput
from sir.types import ActionKind, Initiator, NeedKey, RoleStatus, SignalKind

NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (NotFound, "NOT_FOUND"),
        (Conflict, "CONFLICT"),
        (InvalidInput, "BAD_USER_INPUT"),
        (Unavailable, "UNAVAILABLE"),
        (Forbidden, "FORBIDDEN"),
    ],
)
def test_every_error_is_a_sir_error_with_its_graphql_code(
    error: type[SirError], code: str
) -> None:
    raised = error('Customer "c-42" does not exist.')

    assert isinstance(raised, SirError)
    assert raised.code == code
    assert str(raised) == 'Customer "c-42" does not exist.'


def test_an_out_of_range_fulfilment_names_the_field_the_item_and_the_value() -> None:
    with pytest.raises(InvalidInput) as caught:
        TouchpointInput(NOW, Initiator.CUSTOMER, {NeedKey.SERVE: 1.5}, id="t-7")

    error = caught.value
    assert (error.field, error.item, error.value) == ("fulfilment of SERVE", "t-7", 1.5)
    assert (
        str(error) == 'The fulfilment of SERVE must be a number in [-1, 1], not "1.5".'
    )


@pytest.mark.parametrize(
    ("build", "field"),
    [
        pytest.param(
            lambda: TouchpointInput(datetime(2025, 6, 1), Initiator.CUSTOMER),
            "touchpoint time",
            id="naive time",
        ),
        pytest.param(
            lambda: TouchpointInput(NOW, "SOMEONE"),  # type: ignore[arg-type]
            "initiator",
            id="unknown initiator",
        ),
        pytest.param(
            lambda: TouchpointInput(
                NOW,
                Initiator.CUSTOMER,
                {"TRUST": 0.5},  # type: ignore[dict-item]
            ),
            "need",
            id="unknown need",
        ),
        pytest.param(
            lambda: SignalInput(NOW, SignalKind.REVIEW, float("nan")),
            "signal weight",
            id="weight not a number",
        ),
        pytest.param(
            lambda: SignalInput(NOW, SignalKind.REVIEW, -1.0),
            "signal weight",
            id="negative weight",
        ),
        pytest.param(lambda: AskInput(NOW, 200.0), "goodwill cost", id="huge cost"),
        pytest.param(
            lambda: RoleInput(2.5, RoleStatus.ACTIVE),  # type: ignore[arg-type]
            "role rung",
            id="broken rung",
        ),
        pytest.param(
            lambda: RoleInput(2, "RETIRED"),  # type: ignore[arg-type]
            "role status",
            id="bad status",
        ),
    ],
)
def test_a_bad_input_is_refused_with_the_field_it_is_in(
    build: Callable[[], object], field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        build()

    assert caught.value.field == field
    assert caught.value.code == "BAD_USER_INPUT"


def test_inputs_accept_enum_names_and_keep_times_in_utc() -> None:
    paris = timezone(timedelta(hours=2))
    # Values read from the graph arrive as plain strings and ints.
    fulfilment: Any = {"SERVE": 1}
    initiator: Any = "CUSTOMER"

    touchpoint = TouchpointInput(
        datetime(2025, 6, 1, 14, tzinfo=paris), initiator, fulfilment
    )

    assert touchpoint.at == NOW
    assert touchpoint.at.tzinfo is UTC
    assert touchpoint.initiated_by is Initiator.CUSTOMER
    assert dict(touchpoint.fulfilment) == {NeedKey.SERVE: 1.0}


@pytest.mark.parametrize(
    "settings",
    [
        {"need_half_life_days": 0.0},
        {"neutral": 1.5},
        {"tier_medium_from": 70.0, "tier_high_from": 60.0},
        {"deposits": {SignalKind.REVIEW: 5.0}},
        {"withdrawals": {SignalKind.OPT_OUT: -1.0, SignalKind.CHURN_INTENT: 1.0,
                         SignalKind.ESCALATED_COMPLAINT: 1.0}},
        {"openness_initiative_weight": 0.0, "openness_response_weight": 0.0},
    ],
)  # fmt: skip
def test_a_meaningless_model_setting_is_refused(settings: dict[str, Any]) -> None:
    with pytest.raises(InvalidInput):
        ModelConfig(**settings)


def test_the_asks_are_the_actions_that_cost_goodwill() -> None:
    costly = {k for k, rule in DEFAULT_CONFIG.actions.items() if rule.goodwill_cost}

    assert (
        DEFAULT_CONFIG.ask_kinds
        == costly
        == {
            ActionKind.FEEDBACK_REQUEST,
            ActionKind.SURVEY_REQUEST,
            ActionKind.REFERRAL_REQUEST,
            ActionKind.CASE_STUDY_REQUEST,
        }
    )
