"""Co-ownership opportunities: who is ready for the next rung of a role ladder.

A customer is a candidate when their relationship passed the RESOURCE gate
(or is within a margin of it), they aspire to or explore a role they do not
hold ACTIVE, and the ladder has room for them. The organisation's roles form
a ladder by ``rung``: a customer is only ever offered the next rung up from
the highest rung they hold ACTIVE, never a jump and never a step down.

Candidates are ranked by readiness (the clarity, motivation and ability of
their aspiration), goodwill, and likeness to the customers who already hold
the role: a weighted Jaccard overlap between the candidate's features
(channels, partners, needs met, other roles) and the share of holders that
have each feature.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from sir.config import DEFAULT_CONFIG, ModelConfig
from sir.intel_config import DEFAULT_INTEL_CONFIG, IntelConfig
from sir.types import Gate, RoleStatus, count_text


@dataclass(frozen=True, slots=True)
class LadderRole:
    """A role the organisation offers; ``active`` counts its ACTIVE players.

    ``capacity`` of ``None`` means the role takes any number of players.
    """

    id: str
    key: str
    name: str
    rung: int
    capacity: int | None
    active: int
    partners: frozenset[str] = frozenset()

    @property
    def has_room(self) -> bool:
        """Whether one more customer may take the role up."""
        return self.capacity is None or self.active < self.capacity


@dataclass(frozen=True, slots=True)
class Interest:
    """A role the customer aspires to (with readiness) or explores."""

    role_id: str
    clarity: float | None = None
    motivation: float | None = None
    ability: float | None = None
    exploring: bool = False

    @property
    def aspires(self) -> bool:
        """Whether an aspiration with its readiness is recorded."""
        return self.clarity is not None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A customer of the organisation with what the ranking needs.

    ``held`` maps the ids of the organisation's roles the customer plays to
    their status; ``features`` are the customer's traits that likeness is
    measured on, such as ``"channel:EMAIL"`` or ``"partner:p-1"``. A feature
    ``"role:<id>"`` says the customer plays that role; it is left out when
    likeness to the holders of that very role is measured, since all of
    them have it.
    """

    customer_id: str
    relationship_id: str
    gate: Gate
    goodwill: float
    connect: float
    held: Mapping[str, RoleStatus] = field(default_factory=dict)
    interests: Sequence[Interest] = ()
    features: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class HolderProfile:
    """How many customers hold a role ACTIVE and how many have each feature."""

    holders: int
    feature_counts: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Opportunity:
    """One customer ready for one role: the scores and the reasons."""

    customer_id: str
    relationship_id: str
    role: LadderRole
    readiness: float
    goodwill: float
    likeness: float
    score: float
    reasons: tuple[str, ...]

    @property
    def order(self) -> tuple[float, str, str]:
        """The sort key of the ranking: best score first, then by ids."""
        return (-self.score, self.customer_id, self.role.id)


def readiness(interest: Interest, config: IntelConfig = DEFAULT_INTEL_CONFIG) -> float:
    """The weighted mean of clarity, motivation and ability, in [0, 1]."""
    if not interest.aspires:
        return config.exploring_readiness
    weights = (config.clarity_weight, config.motivation_weight, config.ability_weight)
    values = (interest.clarity, interest.motivation, interest.ability)
    total = sum(w * (v or 0.0) for w, v in zip(weights, values, strict=True))
    return total / sum(weights)


def likeness(
    features: frozenset[str],
    profile: HolderProfile | None,
    config: IntelConfig = DEFAULT_INTEL_CONFIG,
    *,
    ignore: frozenset[str] = frozenset(),
) -> float:
    """Weighted Jaccard overlap of the features with the holders', in [0, 1].

    Each holder feature weighs the share of holders that have it, so
    ``sum(min) / sum(max)`` over the candidate's 0/1 vector and the holders'
    shares: 1 when every holder has exactly the candidate's features.
    Features in ``ignore`` count on neither side.
    """
    if profile is None or profile.holders == 0:
        return config.likeness_without_holders
    features = features - ignore
    shares = {
        f: n / profile.holders
        for f, n in profile.feature_counts.items()
        if f not in ignore
    }
    overlap = sum(shares.get(f, 0.0) for f in features)
    missing = sum(share for f, share in shares.items() if f not in features)
    union = len(features) + missing
    return overlap / union if union > 0 else 0.0


def next_rung(ladder: Iterable[LadderRole], held_rung: int | None) -> int | None:
    """The lowest rung above ``held_rung`` on the ladder; None at the top."""
    above = [r.rung for r in ladder if held_rung is None or r.rung > held_rung]
    return min(above, default=None)


def near_resource(
    candidate: Candidate,
    config: IntelConfig = DEFAULT_INTEL_CONFIG,
    model: ModelConfig = DEFAULT_CONFIG,
) -> str | None:
    """Why the relationship passed or nearly passed the RESOURCE gate, or None."""
    if candidate.gate is Gate.RESOURCE:
        return "passed the RESOURCE gate"
    if candidate.gate is not Gate.CONNECTION:
        return None
    share = model.resource_connect_weight
    quality = share * candidate.connect + (1 - share) * candidate.goodwill / 100
    low = model.resource_min_quality - config.resource_margin
    if quality < low:
        return None
    if quality >= model.resource_min_quality:
        # The gate also wants enough evidence of the connection.
        return (
            f"close to the RESOURCE gate: quality {quality:.2f} reaches "
            f"{model.resource_min_quality:.2f}, but the connection is not yet "
            "known well enough to pass it"
        )
    return (
        f"close to the RESOURCE gate: quality {quality:.2f} is within "
        f"{config.resource_margin:.2f} of {model.resource_min_quality:.2f}"
    )


def find_opportunities(
    candidates: Iterable[Candidate],
    ladder: Sequence[LadderRole],
    holders: Mapping[str, HolderProfile],
    *,
    role_id: str | None = None,
    partner_id: str | None = None,
    config: IntelConfig = DEFAULT_INTEL_CONFIG,
    model: ModelConfig = DEFAULT_CONFIG,
) -> list[Opportunity]:
    """Every opportunity of the organisation, best first.

    ``holders`` profiles the ACTIVE holders of each role by role id.
    ``role_id`` and ``partner_id`` keep only offers of that role, or of roles
    that partner hosts.
    """
    found: list[Opportunity] = []
    for candidate in candidates:
        for opportunity in _offers(candidate, ladder, holders, config, model):
            role = opportunity.role
            if role_id is not None and role.id != role_id:
                continue
            if partner_id is not None and partner_id not in role.partners:
                continue
            found.append(opportunity)
    return sorted(found, key=lambda o: o.order)


# ---------------------------------------------------------------- internals


def _offers(
    candidate: Candidate,
    ladder: Sequence[LadderRole],
    holders: Mapping[str, HolderProfile],
    config: IntelConfig,
    model: ModelConfig,
) -> list[Opportunity]:
    gate_reason = near_resource(candidate, config, model)
    if gate_reason is None:
        return []
    roles = {role.id: role for role in ladder}
    active = [
        roles[rid]
        for rid, status in candidate.held.items()
        if status is RoleStatus.ACTIVE and rid in roles
    ]
    top = max(active, key=lambda r: (r.rung, r.id), default=None)
    rung = next_rung(ladder, top.rung if top else None)
    if rung is None:
        return []
    # One interest per role; a recorded aspiration says more than exploring.
    by_role = {i.role_id: i for i in sorted(candidate.interests, key=_aspires)}
    wanted = [
        (i, roles[i.role_id])
        for i in by_role.values()
        if i.role_id in roles and roles[i.role_id].rung >= rung
    ]
    plan = _proposals(wanted, ladder, rung, config)
    return [
        _opportunity(candidate, role, interest, top, gate_reason, holders, config)
        for role, interest in plan
    ]


def _proposals(
    wanted: Sequence[tuple[Interest, LadderRole]],
    ladder: Sequence[LadderRole],
    rung: int,
    config: IntelConfig,
) -> list[tuple[LadderRole, tuple[Interest, LadderRole]]]:
    """The roles to offer with the interest behind each offer."""
    direct = [(role, (i, role)) for i, role in wanted if role.rung == rung]
    if direct:
        return [(role, why) for role, why in direct if role.has_room]
    higher = [(i, role) for i, role in wanted if role.rung > rung]
    if not higher:
        return []
    best = max(higher, key=lambda pair: (readiness(pair[0], config), pair[1].id))
    steps = sorted(
        (r for r in ladder if r.rung == rung and r.has_room), key=lambda r: r.id
    )
    return [(role, best) for role in steps]


def _opportunity(
    candidate: Candidate,
    role: LadderRole,
    interest: tuple[Interest, LadderRole],
    top: LadderRole | None,
    gate_reason: str,
    holders: Mapping[str, HolderProfile],
    config: IntelConfig,
) -> Opportunity:
    wish, target = interest
    ready = readiness(wish, config)
    profile = holders.get(role.id)
    like = likeness(candidate.features, profile, config, ignore=_own_feature(role))
    shares = config.score_shares
    score = shares[0] * ready + shares[1] * candidate.goodwill / 100 + shares[2] * like
    reasons = (
        gate_reason,
        _interest_reason(wish, target, ready),
        _ladder_reason(role, top),
        _room_reason(role),
        f"goodwill {candidate.goodwill:.1f}",
        _likeness_reason(role, profile, like),
    )
    return Opportunity(
        customer_id=candidate.customer_id,
        relationship_id=candidate.relationship_id,
        role=role,
        readiness=ready,
        goodwill=candidate.goodwill,
        likeness=like,
        score=score,
        reasons=reasons,
    )


def _own_feature(role: LadderRole) -> frozenset[str]:
    return frozenset({f"role:{role.id}"})


def _aspires(interest: Interest) -> bool:
    return interest.aspires


def _interest_reason(wish: Interest, target: LadderRole, ready: float) -> str:
    role = f'"{target.key}" (rung {target.rung})'
    if wish.aspires:
        return (
            f"aspires to {role}: clarity {wish.clarity:.2f}, motivation "
            f"{wish.motivation:.2f}, ability {wish.ability:.2f}, readiness "
            f"{ready:.2f}"
        )
    return f"explores {role} with no recorded aspiration: readiness {ready:.2f}"


def _ladder_reason(role: LadderRole, top: LadderRole | None) -> str:
    offered = f'"{role.key}" (rung {role.rung})'
    if top is None:
        return f"holds no role ACTIVE yet; {offered} is the lowest rung"
    return f'holds "{top.key}" (rung {top.rung}) ACTIVE; {offered} is the next rung'


def _room_reason(role: LadderRole) -> str:
    if role.capacity is None:
        return f'"{role.key}" takes any number of players; {role.active} ACTIVE'
    return f'"{role.key}" has room: {role.active} of {role.capacity} places taken'


def _likeness_reason(
    role: LadderRole, profile: HolderProfile | None, like: float
) -> str:
    if profile is None or profile.holders == 0:
        return f'nobody holds "{role.key}" yet: likeness {like:.2f}'
    if profile.holders < role.active:
        return (
            f"likeness {like:.2f} to the newest {profile.holders} of the "
            f'{role.active} current holders of "{role.key}"'
        )
    holders = count_text(profile.holders, "current holder")
    return f'likeness {like:.2f} to the {holders} of "{role.key}"'
