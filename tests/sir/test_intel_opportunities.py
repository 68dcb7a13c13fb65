"""Co-ownership opportunities as pure functions: ladder, readiness, likeness."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sir.intel_config import IntelConfig
from sir.opportunities import (
    Candidate,
    HolderProfile,
    Interest,
    LadderRole,
    find_opportunities,
    likeness,
    near_resource,
    next_rung,
    readiness,
)
from sir.types import Gate, RoleStatus

LADDER = [
    LadderRole("r1", "reviewer", "Reviewer", 1, None, 0),
    LadderRole("r2", "helper", "Helper", 2, 10, 3),
    LadderRole("r2b", "mentor", "Mentor", 2, 5, 5),
    LadderRole("r3", "ambassador", "Ambassador", 3, 4, 1, frozenset({"p-1"})),
]
READY = Interest("r2", clarity=0.9, motivation=0.8, ability=0.7)
BASE = Candidate(
    customer_id="c-1",
    relationship_id="c-1/o-1",
    gate=Gate.RESOURCE,
    goodwill=60.0,
    connect=0.8,
    held={"r1": RoleStatus.ACTIVE},
    interests=[READY],
)

features = st.frozensets(st.sampled_from([f"f{i}" for i in range(8)]), max_size=8)


def offered(candidate: Candidate, **options: object) -> list[str]:
    """The ids of the roles offered to one candidate."""
    found = find_opportunities(
        [candidate],
        LADDER,
        {},
        **options,  # type: ignore[arg-type]
    )
    return [o.role.id for o in found]


class TestLadder:
    def test_the_next_rung_is_the_lowest_above_the_highest_held(self) -> None:
        assert next_rung(LADDER, 1) == 2
        assert next_rung(LADDER, None) == 1
        assert next_rung(LADDER, 3) is None

    def test_a_customer_who_aspires_to_the_next_rung_is_offered_it(self) -> None:
        assert offered(BASE) == ["r2"]

    def test_an_aspiration_two_rungs_up_is_offered_the_next_rung_only(self) -> None:
        far = replace(BASE, interests=[replace(READY, role_id="r3")])

        # r2b has no room left, so only r2 is the step on the way to r3.
        assert offered(far) == ["r2"]

    def test_a_customer_at_the_top_rung_is_not_offered_a_lower_one(self) -> None:
        top = replace(
            BASE,
            held={"r3": RoleStatus.ACTIVE},
            interests=[READY, Interest("r1", exploring=True)],
        )

        assert offered(top) == []

    def test_a_role_without_room_is_not_offered(self) -> None:
        full = replace(BASE, interests=[replace(READY, role_id="r2b")])

        assert offered(full) == []

    def test_exploring_counts_as_interest_with_the_default_readiness(self) -> None:
        explorer = replace(BASE, interests=[Interest("r2", exploring=True)])

        found = find_opportunities([explorer], LADDER, {})

        assert [o.readiness for o in found] == [0.5]

    def test_a_lapsed_role_is_not_held_so_the_ladder_starts_at_rung_one(
        self,
    ) -> None:
        lapsed = replace(BASE, held={"r1": RoleStatus.LAPSED})

        assert offered(lapsed) == ["r1"]

    @pytest.mark.parametrize(
        ("option", "value", "roles"),
        [("role_id", "r2", ["r2"]), ("role_id", "r3", []), ("partner_id", "p-1", [])],
    )
    def test_role_and_partner_filters_keep_only_matching_offers(
        self, option: str, value: str, roles: list[str]
    ) -> None:
        assert offered(BASE, **{option: value}) == roles


class TestGate:
    def test_a_relationship_below_connection_is_no_candidate(self) -> None:
        client = replace(BASE, gate=Gate.CLIENT, goodwill=99.0, connect=1.0)

        assert offered(client) == []

    def test_a_relationship_close_to_the_resource_gate_is_a_candidate(self) -> None:
        close = replace(BASE, gate=Gate.CONNECTION, connect=0.7, goodwill=52.0)

        why = near_resource(close)

        assert why == (
            "close to the RESOURCE gate: quality 0.61 is within 0.05 of 0.65"
        )
        assert offered(close) == ["r2"]

    def test_quality_enough_without_the_gate_is_said_as_it_is(self) -> None:
        # Quality reaches the bar, but the profile did not pass the gate (it
        # also wants evidence of the connection).
        waiting = replace(BASE, gate=Gate.CONNECTION, connect=0.8, goodwill=70.0)

        why = near_resource(waiting)

        assert why == (
            "close to the RESOURCE gate: quality 0.75 reaches 0.65, but the "
            "connection is not yet known well enough to pass it"
        )

    def test_a_relationship_far_from_the_resource_gate_is_no_candidate(self) -> None:
        far = replace(BASE, gate=Gate.CONNECTION, connect=0.6, goodwill=40.0)

        assert near_resource(far) is None


class TestScores:
    def test_readiness_is_the_weighted_mean_of_its_three_parts(self) -> None:
        config = IntelConfig(clarity_weight=2.0, motivation_weight=1.0)

        assert readiness(READY, config) == pytest.approx((1.8 + 0.8 + 0.7) / 4)

    def test_likeness_is_one_when_every_holder_has_exactly_the_features(
        self,
    ) -> None:
        profile = HolderProfile(3, {"a": 3, "b": 3})

        assert likeness(frozenset({"a", "b"}), profile) == 1.0

    def test_playing_the_role_itself_does_not_count_as_likeness(self) -> None:
        profile = HolderProfile(2, {"role:r2": 2, "channel:EMAIL": 2})
        ignore = frozenset({"role:r2"})

        explorer = likeness(
            frozenset({"role:r2", "channel:EMAIL"}), profile, ignore=ignore
        )
        aspirant = likeness(frozenset({"channel:EMAIL"}), profile, ignore=ignore)

        assert explorer == aspirant == 1.0

    def test_likeness_without_holders_is_the_neutral_default(self) -> None:
        assert likeness(frozenset({"a"}), HolderProfile(0)) == 0.5

    @given(features, st.dictionaries(st.sampled_from("abcdefgh"), st.integers(0, 5)))
    def test_likeness_stays_within_zero_and_one(
        self, mine: frozenset[str], counts: dict[str, int]
    ) -> None:
        holders = max(counts.values(), default=0) + 1
        profile = HolderProfile(holders, counts)

        assert 0.0 <= likeness(mine, profile) <= 1.0

    @given(features, features)
    def test_likeness_to_one_holder_is_the_jaccard_index(
        self, mine: frozenset[str], theirs: frozenset[str]
    ) -> None:
        profile = HolderProfile(1, dict.fromkeys(theirs, 1))

        union = mine | theirs
        expected = len(mine & theirs) / len(union) if union else 0.0
        assert likeness(mine, profile) == pytest.approx(expected)

    def test_readier_customers_rank_first(self) -> None:
        keen = replace(BASE, customer_id="c-keen", relationship_id="c-keen/o-1")
        unsure = replace(
            BASE,
            customer_id="c-unsure",
            relationship_id="c-unsure/o-1",
            interests=[Interest("r2", clarity=0.2, motivation=0.3, ability=0.2)],
        )

        found = find_opportunities([unsure, keen], LADDER, {})

        assert [o.customer_id for o in found] == ["c-keen", "c-unsure"]
        assert found[0].reasons[1] == (
            'aspires to "helper" (rung 2): clarity 0.90, motivation 0.80, '
            "ability 0.70, readiness 0.80"
        )
