"""The versioned parameters of SiR-Intel: next best steps and co-ownership.

They live apart from ``ModelConfig`` (``sir/config.py``), which profiles a
relationship; SiR-Intel reads that profile and decides what to do next.
Every default comes with the reason for it, in the comment above it.
Change ``version`` whenever a default changes: it is stored on every
recommendation, so that steps of different versions can be told apart.
1.1 measures likeness against the newest ``holder_sample`` holders of a
role instead of all of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from sir.errors import InvalidInput
from sir.types import ActionKind


def _default_prior_uplift() -> Mapping[ActionKind, float]:
    # Goodwill points an action is expected to add before the graph holds any
    # case of it, net of the goodwill an ask withdraws. Fixing a failure and
    # personal contact open the line most; asks mostly pay for themselves
    # when answered (a referral deposits 10, the request withdraws 8).
    return MappingProxyType(
        {
            ActionKind.SERVICE_FIX: 4.0,
            ActionKind.SERVICE_UPGRADE: 3.0,
            ActionKind.INFORMATION: 1.0,
            ActionKind.FEEDBACK_REQUEST: 1.0,
            ActionKind.PERSONAL_CONTACT: 3.0,
            ActionKind.EVENT_INVITE: 2.0,
            ActionKind.RECOGNITION: 3.0,
            ActionKind.SURVEY_REQUEST: 0.0,
            ActionKind.ROLE_INVITATION: 4.0,
            ActionKind.REFERRAL_REQUEST: 1.0,
            ActionKind.CASE_STUDY_REQUEST: 1.0,
        }
    )


@dataclass(frozen=True, slots=True)
class IntelConfig:
    """All parameters of SiR-Intel, with the version they travel under."""

    version: str = "sir-intel/1.1"

    # --- contact and fatigue policy
    # At most this many contacts the organisation starts (touchpoints it
    # initiated and actions the customer received) in the last
    # ``fatigue_window_days``, whatever the customer allows: more feels like
    # pressure and closes the line that goodwill is.
    fatigue_max_contacts: int = 4
    fatigue_window_days: int = 30
    # The customer's own limit in their contact preferences counts over this
    # many days (the preference is "max contacts per 30 days").
    preference_window_days: int = 30
    # Kinds the organisation owes the customer rather than offers: repairing
    # a service failure is not marketing, so opt-out, channel consent and
    # the contact limits do not hold it back.
    owed_kinds: frozenset[ActionKind] = frozenset({ActionKind.SERVICE_FIX})

    # --- asks
    # An ask is only proposed when goodwill minus its cost stays at or above
    # this floor: spending the last of a customer's goodwill on a survey
    # leaves nothing to build on. 20 sits below the model's baseline of 25,
    # so a new customer can afford a small ask and not a big one.
    ask_goodwill_floor: float = 20.0

    # --- ranking
    # Goodwill points added to the score of an action that serves the focus
    # need (the need of the lowest gate not yet passed): the gate is what
    # holds the relationship back, so its need comes first unless another
    # action is known to do clearly better.
    focus_bonus: float = 5.0
    # Expected uplift per action before any case is seen.
    prior_uplift: Mapping[ActionKind, float] = field(
        default_factory=_default_prior_uplift
    )
    # How many cases the catalogue prior is worth in the Bayesian average
    # (n * mean + k * prior) / (n + k): three similar cases do not yet
    # overturn the catalogue, thirty do.
    prior_weight: float = 5.0
    # A case measures goodwill at most this many days after the action was
    # received; later changes have other causes.
    case_horizon_days: int = 60
    # A rejected step rests at least this many days, even when the action's
    # own cooldown is shorter: proposing again what was just turned down
    # wastes the agent's time.
    rejection_rest_days: int = 14
    # At most this many steps are proposed (and recorded) per request.
    max_steps: int = 20

    # --- co-ownership
    # A relationship that passed CONNECTION and whose relationship quality is
    # within this margin of the RESOURCE threshold counts as close to it.
    resource_margin: float = 0.05
    # Readiness is the weighted mean of the clarity, motivation and ability
    # of the customer's aspiration; all three matter about equally.
    clarity_weight: float = 1.0
    motivation_weight: float = 1.0
    ability_weight: float = 1.0
    # Readiness of a customer who explores a role without a recorded
    # aspiration: trying a role shows some motivation, nothing more.
    exploring_readiness: float = 0.5
    # The opportunity score: readiness first, then goodwill (the open line
    # a role needs), then likeness to the customers who hold the role.
    readiness_share: float = 0.5
    goodwill_share: float = 0.3
    likeness_share: float = 0.2
    # Likeness is measured against the newest ACTIVE holders of a role, at
    # most this many (capacity still counts them all): two hundred holders
    # show what the role's people have in common within a few points, as
    # thousands would, at a cost that does not grow with the role.
    holder_sample: int = 200
    # Likeness when nobody holds the role yet: nothing to compare with, so
    # neither like nor unlike.
    likeness_without_holders: float = 0.5

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "prior_uplift", MappingProxyType(dict(self.prior_uplift))
        )
        _check(self)

    @property
    def score_shares(self) -> tuple[float, float, float]:
        """The readiness, goodwill and likeness shares, summing to 1."""
        total = self.readiness_share + self.goodwill_share + self.likeness_share
        return (
            self.readiness_share / total,
            self.goodwill_share / total,
            self.likeness_share / total,
        )


def _require(ok: bool, name: str, rule: str, value: object) -> None:
    if not ok:
        message = f'The intel setting {name} must be {rule}, not "{value}".'
        raise InvalidInput(message, field=name, value=value)


def _check(config: IntelConfig) -> None:
    """Raise InvalidInput when a setting would make SiR-Intel meaningless."""
    c = config
    for name in ("fatigue_window_days", "preference_window_days", "prior_weight"):
        value = getattr(c, name)
        _require(value > 0, name, "above 0", value)
    for name in (
        "fatigue_max_contacts",
        "case_horizon_days",
        "focus_bonus",
        "rejection_rest_days",
    ):
        value = getattr(c, name)
        _require(value >= 0, name, "0 or more", value)
    for name in ("max_steps", "holder_sample"):
        value = getattr(c, name)
        _require(value >= 1, name, "1 or more", value)
    for name in (
        "resource_margin",
        "exploring_readiness",
        "likeness_without_holders",
    ):
        value = getattr(c, name)
        _require(0 <= value <= 1, name, "within [0, 1]", value)
    _require(
        0 <= c.ask_goodwill_floor <= 100,
        "ask_goodwill_floor",
        "within [0, 100]",
        c.ask_goodwill_floor,
    )
    weights = (c.clarity_weight, c.motivation_weight, c.ability_weight)
    _require(
        min(weights) >= 0 and sum(weights) > 0, "readiness weights", "valid", weights
    )
    shares = (c.readiness_share, c.goodwill_share, c.likeness_share)
    _require(min(shares) >= 0 and sum(shares) > 0, "score shares", "valid", shares)
    _require(
        set(c.prior_uplift) == set(ActionKind),
        "prior_uplift",
        "complete",
        sorted(c.prior_uplift),
    )


DEFAULT_INTEL_CONFIG = IntelConfig()
