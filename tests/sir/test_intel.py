"""Next best steps as pure functions: eligibility, focus, learning, ranking."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sir.errors import Conflict, InvalidInput, NotFound
from sir.intel import (
    ActionOption,
    CaseStats,
    ContactPreferences,
    Situation,
    StepResponse,
    StepStatus,
    answer_step,
    check_eligibility,
    expected_uplift,
    focus_need,
    plan_steps,
    pool_cases,
)
from sir.intel_config import DEFAULT_INTEL_CONFIG, IntelConfig
from sir.types import (
    ActionKind,
    Channel,
    Gate,
    NeedKey,
    RelationshipType,
    Tier,
)

NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)
LET_DOWN = Situation(
    goodwill=22.0,
    tier=Tier.LOW,
    gate=Gate.CLIENT,
    type=RelationshipType.TRANSACTIONAL,
    serve=0.41,
    serve_confidence=0.7,
    connect=0.5,
    connect_confidence=0.0,
)
CONNECTED = replace(
    LET_DOWN, goodwill=45.0, tier=Tier.MEDIUM, gate=Gate.CONNECTION, serve=0.8
)
RESOURCEFUL = replace(
    CONNECTED,
    goodwill=62.0,
    gate=Gate.RESOURCE,
    type=RelationshipType.COLLABORATIVE,
    connect=0.85,
    connect_confidence=0.8,
)


def action(
    kind: ActionKind,
    need: NeedKey = NeedKey.SERVE,
    gate: Gate = Gate.CLIENT,
    **fields: object,
) -> ActionOption:
    """An action named after its kind, with the need and gate given."""
    key = kind.value.lower()
    return ActionOption(key, key, kind, need, gate, **fields)  # type: ignore[arg-type]


FIX = action(ActionKind.SERVICE_FIX)
INFO = action(ActionKind.INFORMATION, cooldown_days=7)
CONTACT = action(ActionKind.PERSONAL_CONTACT, NeedKey.CONNECT, Gate.CLIENT)
INVITE = action(ActionKind.ROLE_INVITATION, NeedKey.ROLE, Gate.RESOURCE)
REFERRAL = action(
    ActionKind.REFERRAL_REQUEST, NeedKey.ROLE, Gate.RESOURCE, goodwill_cost=8.0
)


class TestFocusNeed:
    @pytest.mark.parametrize(
        ("situation", "need"),
        [
            (LET_DOWN, NeedKey.SERVE),
            (CONNECTED, NeedKey.CONNECT),
            (RESOURCEFUL, NeedKey.ROLE),
        ],
    )
    def test_the_focus_is_the_need_of_the_lowest_gate_not_passed(
        self, situation: Situation, need: NeedKey
    ) -> None:
        focus, _ = focus_need(situation)

        assert focus is need

    def test_low_service_is_named_with_its_figure_and_threshold(self) -> None:
        _, why = focus_need(LET_DOWN)

        assert why == "service is below the first gate: serve 0.41 < 0.60"

    def test_good_but_unproven_service_names_the_missing_confidence(self) -> None:
        unproven = replace(LET_DOWN, serve=0.7, serve_confidence=0.3)

        _, why = focus_need(unproven)

        assert why == (
            "service is not yet known well enough to pass the first gate: "
            "confidence 0.30 < 0.50"
        )


class TestEligibility:
    def test_an_action_above_the_gate_passed_is_refused(self) -> None:
        verdict = check_eligibility(INVITE, CONNECTED, NOW)

        assert not verdict.eligible
        assert verdict.reasons == (
            "needs gate RESOURCE passed; the relationship has passed gate CONNECTION",
        )

    def test_an_ask_that_would_take_goodwill_below_the_floor_is_refused(
        self,
    ) -> None:
        poor = replace(RESOURCEFUL, goodwill=27.0)

        verdict = check_eligibility(REFERRAL, poor, NOW)

        assert not verdict.eligible
        assert verdict.reasons == (
            "the ask costs 8 goodwill; 7 available above the floor of 20",
        )

    def test_an_affordable_ask_says_what_it_costs(self) -> None:
        verdict = check_eligibility(REFERRAL, RESOURCEFUL, NOW)

        assert verdict.eligible
        assert verdict.reasons == (
            "the ask costs 8 goodwill; 42 available above the floor of 20",
        )

    @pytest.mark.parametrize(
        ("preferences", "reason"),
        [
            (ContactPreferences(opted_out=True), "the customer opted out of contact"),
            (
                ContactPreferences(consented_channels=frozenset()),
                "the customer consented to no channel",
            ),
            (
                ContactPreferences(max_contacts=2),
                "the customer allows 2 contacts in 30 days; 2 made",
            ),
        ],
    )
    def test_contact_preferences_hold_an_action_back(
        self, preferences: ContactPreferences, reason: str
    ) -> None:
        contacted = replace(
            LET_DOWN,
            preferences=preferences,
            contacts=(NOW - timedelta(days=3), NOW - timedelta(days=20)),
        )

        verdict = check_eligibility(INFO, contacted, NOW)

        assert not verdict.eligible
        assert verdict.reasons == (reason,)

    def test_an_action_on_a_channel_without_consent_is_refused(self) -> None:
        by_phone = replace(INFO, channel=Channel.PHONE)
        email_only = ContactPreferences(consented_channels=frozenset({Channel.EMAIL}))

        verdict = check_eligibility(
            by_phone, replace(LET_DOWN, preferences=email_only), NOW
        )

        assert verdict.reasons == ("the customer gave no consent for channel PHONE",)

    def test_contact_fatigue_holds_back_once_the_organisation_contacted_enough(
        self,
    ) -> None:
        busy = replace(
            LET_DOWN, contacts=tuple(NOW - timedelta(days=d) for d in (1, 5, 9, 29))
        )

        verdict = check_eligibility(INFO, busy, NOW)

        assert verdict.reasons == (
            "contact fatigue: 4 contacts started by the organization in the last "
            "30 days, at most 4",
        )

    def test_contacts_older_than_the_window_do_not_count(self) -> None:
        long_ago = replace(
            LET_DOWN, contacts=tuple(NOW - timedelta(days=d) for d in (31, 40, 50, 60))
        )

        verdict = check_eligibility(INFO, long_ago, NOW)

        assert verdict.eligible

    def test_a_service_fix_is_owed_even_to_a_customer_who_opted_out(self) -> None:
        opted_out = replace(LET_DOWN, preferences=ContactPreferences(opted_out=True))

        verdict = check_eligibility(FIX, opted_out, NOW)

        assert verdict.eligible
        assert verdict.reasons == (
            "owed to the customer, so contact limits do not hold it back: "
            "the customer opted out of contact",
        )

    def test_an_action_rests_for_its_cooldown_after_it_was_received(self) -> None:
        recent = replace(INFO, last_received=NOW - timedelta(days=3))

        verdict = check_eligibility(recent, LET_DOWN, NOW)

        assert verdict.reasons == ("received 3 days ago; it rests 7 days",)

    def test_a_rejected_step_rests_at_least_the_rejection_rest(self) -> None:
        rejected = replace(FIX, last_rejected=NOW - timedelta(days=2))

        verdict = check_eligibility(rejected, LET_DOWN, NOW)

        assert verdict.reasons == ("rejected 2 days ago; it rests 14 days",)

    def test_a_naive_time_is_refused(self) -> None:
        with pytest.raises(InvalidInput, match="timezone-aware"):
            check_eligibility(FIX, LET_DOWN, datetime(2025, 6, 1))


class TestLearning:
    def test_without_cases_the_expected_uplift_is_the_prior(self) -> None:
        uplift = expected_uplift(ActionKind.SERVICE_FIX, None)

        prior = DEFAULT_INTEL_CONFIG.prior_uplift[ActionKind.SERVICE_FIX]
        assert uplift.expected == prior
        assert uplift.cases == 0

    def test_cases_are_averaged_with_the_prior_by_weight(self) -> None:
        config = IntelConfig(prior_weight=5.0)

        uplift = expected_uplift(ActionKind.INFORMATION, CaseStats(15, 9.0), config)

        assert uplift.expected == pytest.approx((15 * 9.0 + 5 * 1.0) / 20)

    @given(
        n=st.integers(min_value=1, max_value=10_000),
        mean=st.floats(min_value=-50, max_value=50),
        kind=st.sampled_from(list(ActionKind)),
    )
    def test_the_expected_uplift_lies_between_the_mean_and_the_prior(
        self, n: int, mean: float, kind: ActionKind
    ) -> None:
        uplift = expected_uplift(kind, CaseStats(n, mean))

        low, high = sorted((mean, uplift.prior))
        assert low - 1e-9 <= uplift.expected <= high + 1e-9

    @given(
        mean=st.floats(min_value=-50, max_value=50),
        n=st.integers(min_value=1, max_value=1000),
    )
    def test_more_cases_pull_the_expectation_closer_to_their_mean(
        self, mean: float, n: int
    ) -> None:
        kind = ActionKind.PERSONAL_CONTACT

        few = expected_uplift(kind, CaseStats(n, mean))
        many = expected_uplift(kind, CaseStats(n + 1, mean))

        assert abs(many.expected - mean) <= abs(few.expected - mean) + 1e-9

    @given(
        st.lists(
            st.tuples(
                st.integers(min_value=0, max_value=100),
                st.floats(min_value=-20, max_value=20),
            ),
            max_size=6,
        )
    )
    def test_pooling_groups_gives_the_mean_over_all_their_cases(
        self, groups: list[tuple[int, float]]
    ) -> None:
        pooled = pool_cases(CaseStats(n, mean) for n, mean in groups)

        total = sum(n for n, _ in groups)
        assert pooled.cases == total
        if total:
            expected = sum(n * mean for n, mean in groups) / total
            assert pooled.mean_uplift == pytest.approx(expected, abs=1e-9)


class TestRanking:
    def test_a_let_down_customer_is_offered_a_service_step_first(self) -> None:
        steps = plan_steps(LET_DOWN, [CONTACT, INFO, FIX, INVITE], {}, NOW)

        assert [s.action.kind for s in steps] == [
            ActionKind.SERVICE_FIX,
            ActionKind.INFORMATION,
            ActionKind.PERSONAL_CONTACT,
        ]
        assert steps[0].focus_need is NeedKey.SERVE
        assert steps[0].reasons[0] == (
            "serves SERVE, the focus need: service is below the first gate: "
            "serve 0.41 < 0.60"
        )

    def test_an_action_that_raised_goodwill_outranks_a_higher_prior(self) -> None:
        upgrade = action(ActionKind.SERVICE_UPGRADE)
        cases = {INFO.id: CaseStats(12, 6.2), upgrade.id: CaseStats(12, 0.0)}

        steps = plan_steps(LET_DOWN, [upgrade, INFO], cases, NOW)

        assert [s.action.id for s in steps] == [INFO.id, upgrade.id]
        learned = steps[0].reasons[-1]
        assert learned.startswith(
            "raised goodwill by 6.2 on average over 12 cases of similar "
            "relationships (LOW, TRANSACTIONAL)"
        )

    def test_ranks_count_from_one_and_first_limits_the_steps(self) -> None:
        steps = plan_steps(LET_DOWN, [CONTACT, INFO, FIX], {}, NOW, first=2)

        assert [s.rank for s in steps] == [1, 2]

    def test_ties_are_broken_by_key_so_the_ranking_is_stable(self) -> None:
        twins = [replace(INFO, id=i, key=i) for i in ("b", "a", "c")]

        steps = plan_steps(LET_DOWN, twins, {}, NOW)

        assert [s.action.key for s in steps] == ["a", "b", "c"]

    @given(
        goodwill=st.floats(min_value=0, max_value=100),
        cost=st.floats(min_value=0.5, max_value=60),
    )
    def test_an_ask_is_never_proposed_when_goodwill_cannot_afford_it(
        self, goodwill: float, cost: float
    ) -> None:
        ask = replace(REFERRAL, goodwill_cost=cost)
        situation = replace(RESOURCEFUL, goodwill=goodwill)

        steps = plan_steps(situation, [ask, INVITE], {}, NOW)

        proposed = any(s.action.id == ask.id for s in steps)
        floor = DEFAULT_INTEL_CONFIG.ask_goodwill_floor
        assert proposed == (goodwill - cost >= floor)


class TestAnswers:
    @pytest.mark.parametrize(
        ("current", "response", "after"),
        [
            (StepStatus.PROPOSED, StepResponse.ACCEPTED, StepStatus.ACCEPTED),
            (StepStatus.PROPOSED, StepResponse.COMPLETED, StepStatus.COMPLETED),
            (StepStatus.ACCEPTED, StepResponse.COMPLETED, StepStatus.COMPLETED),
            (StepStatus.ACCEPTED, StepResponse.REJECTED, StepStatus.REJECTED),
            (StepStatus.COMPLETED, StepResponse.COMPLETED, None),
        ],
    )
    def test_a_step_moves_on_or_stays_put_when_answered_again(
        self,
        current: StepStatus,
        response: StepResponse,
        after: StepStatus | None,
    ) -> None:
        assert answer_step(current, response, "r", "a") is after

    def test_a_settled_step_cannot_take_another_answer(self) -> None:
        with pytest.raises(Conflict, match="is COMPLETED and cannot become"):
            answer_step(StepStatus.COMPLETED, StepResponse.REJECTED, "r-1", "a-1")

    def test_a_step_never_proposed_cannot_be_answered(self) -> None:
        with pytest.raises(NotFound, match='"a-1" was never proposed'):
            answer_step(None, StepResponse.ACCEPTED, "r-1", "a-1")
