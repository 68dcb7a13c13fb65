"""The one versioned configuration of the SiR model.

Every number the model uses lives here, with the reason for its default.
``docs/model.md`` explains each of them for a newcomer. Change ``version``
whenever a default changes: the version is stored with every computed state,
and states of different versions are never compared with each other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from sir.errors import InvalidInput
from sir.types import (
    NEGATIVE_SIGNALS,
    POSITIVE_SIGNALS,
    ActionKind,
    Gate,
    NeedKey,
    SignalKind,
)


@dataclass(frozen=True, slots=True)
class ActionRule:
    """What an action kind is for: the need it serves and the gate it requires.

    An ask (``is_ask``) draws on the customer's goodwill, so receiving it
    withdraws ``goodwill_cost``; ``cooldown_days`` is the default pause before
    the same kind is offered again to the same customer.
    """

    need: NeedKey
    gate: Gate
    is_ask: bool
    goodwill_cost: float
    cooldown_days: int


def _default_deposits() -> Mapping[SignalKind, float]:
    # Points for one signal of weight 1. The more effort and exposure a signal
    # costs the customer, the more goodwill it shows: co-creation and
    # referrals put the customer's own name on the line, a survey answer
    # barely does.
    return MappingProxyType(
        {
            SignalKind.FEEDBACK: 3.0,
            SignalKind.SUGGESTION: 4.0,
            SignalKind.REFERRAL: 10.0,
            SignalKind.REVIEW: 5.0,
            SignalKind.SURVEY_ANSWER: 2.0,
            SignalKind.OPT_IN: 3.0,
            SignalKind.COMMUNITY_HELP: 6.0,
            SignalKind.CO_CREATION: 12.0,
        }
    )


def _default_withdrawals() -> Mapping[SignalKind, float]:
    # Points one negative signal of weight 1 takes away. Saying one is about
    # to leave closes the line more than asking for fewer messages does.
    return MappingProxyType(
        {
            SignalKind.OPT_OUT: 10.0,
            SignalKind.ESCALATED_COMPLAINT: 15.0,
            SignalKind.CHURN_INTENT: 25.0,
        }
    )


def _default_actions() -> Mapping[ActionKind, ActionRule]:
    # Service actions work from the first contact (gate CLIENT) and serve the
    # need to be served; relationship actions only work once service is good
    # (gate CONNECTION); role actions and the big asks only once the
    # relationship is good (gate RESOURCE). Asks cost goodwill in proportion
    # to the effort and exposure they ask of the customer.
    a, n, g = ActionKind, NeedKey, Gate
    return MappingProxyType(
        {
            a.SERVICE_FIX: ActionRule(n.SERVE, g.CLIENT, False, 0.0, 0),
            a.SERVICE_UPGRADE: ActionRule(n.SERVE, g.CLIENT, False, 0.0, 30),
            a.INFORMATION: ActionRule(n.SERVE, g.CLIENT, False, 0.0, 7),
            a.FEEDBACK_REQUEST: ActionRule(n.SERVE, g.CLIENT, True, 2.0, 30),
            a.PERSONAL_CONTACT: ActionRule(n.CONNECT, g.CONNECTION, False, 0.0, 14),
            a.EVENT_INVITE: ActionRule(n.CONNECT, g.CONNECTION, False, 0.0, 30),
            a.RECOGNITION: ActionRule(n.CONNECT, g.CONNECTION, False, 0.0, 60),
            a.SURVEY_REQUEST: ActionRule(n.CONNECT, g.CONNECTION, True, 3.0, 90),
            a.ROLE_INVITATION: ActionRule(n.ROLE, g.RESOURCE, False, 0.0, 60),
            a.REFERRAL_REQUEST: ActionRule(n.ROLE, g.RESOURCE, True, 8.0, 90),
            a.CASE_STUDY_REQUEST: ActionRule(n.ROLE, g.RESOURCE, True, 12.0, 180),
        }
    )


@dataclass(frozen=True, slots=True)
class ModelConfig:
    """All parameters of the SiR model, with the version they travel under."""

    # Stored with every computed state; bump it whenever a default changes.
    version: str = "sir-model/1.1"

    # --- needs
    # A touchpoint's weight halves every this many days: a service failure of
    # last week says more about the relationship than one of last year.
    need_half_life_days: float = 90.0
    # The neutral value needs (and openness rates) are shrunk towards: with no
    # evidence the model claims neither good nor bad.
    neutral: float = 0.5
    # How many fresh touchpoints the neutral prior is worth, so that two
    # touchpoints do not make a verdict.
    prior_weight: float = 2.0
    # Decayed evidence weight at which a need's confidence reaches 0.5;
    # confidence is weight / (weight + this).
    confidence_half_weight: float = 3.0

    # --- goodwill
    # Goodwill of a relationship with no signals, asks or contacts: low,
    # because goodwill is built, not assumed.
    goodwill_baseline: float = 25.0
    # A ledger line's weight halves every this many days; goodwill fades more
    # slowly than an impression of service.
    goodwill_half_life_days: float = 180.0
    # Points deposited per positive signal kind, and withdrawn per negative
    # kind, for a signal of weight 1.
    deposits: Mapping[SignalKind, float] = field(default_factory=_default_deposits)
    withdrawals: Mapping[SignalKind, float] = field(
        default_factory=_default_withdrawals
    )
    # Most points openness can add (fully open) or take away (fully closed).
    openness_points: float = 15.0
    # How much the customer's own initiative and their answering of the
    # organisation count in openness; answering weighs more because it is
    # the more direct sign of an open line.
    openness_initiative_weight: float = 0.4
    openness_response_weight: float = 0.6
    # How many fresh contacts the neutral openness prior is worth.
    openness_prior_weight: float = 3.0

    # --- tiers: goodwill at or above these enters MEDIUM and HIGH.
    tier_medium_from: float = 35.0
    tier_high_from: float = 65.0

    # --- gates
    # CONNECTION: service is satisfactory, and the model is sure enough of it.
    connection_min_serve: float = 0.60
    connection_min_confidence: float = 0.50
    # RESOURCE: relationship quality, a weighted mean of connect and
    # goodwill / 100, is high, with enough evidence about connect.
    resource_min_quality: float = 0.65
    resource_connect_weight: float = 0.5
    resource_min_connect_confidence: float = 0.50

    # --- relationship type: an ACTIVE role at this rung or higher is co-owning.
    co_owning_min_rung: int = 3

    # --- at risk
    # Goodwill falling by at least this many points over the trend window, or
    # below the previous stored state, marks the relationship at risk.
    at_risk_goodwill_drop: float = 5.0
    # A signal of one of these kinds within the last this-many days marks the
    # relationship at risk, whatever its goodwill.
    at_risk_signal_kinds: frozenset[SignalKind] = frozenset(
        {SignalKind.CHURN_INTENT, SignalKind.ESCALATED_COMPLAINT}
    )
    at_risk_signal_days: float = 30.0

    # --- trend: the change is measured against the state this many days ago.
    trend_window_days: int = 30

    # --- the action catalogue's defaults, for SiR-Intel and seeding.
    actions: Mapping[ActionKind, ActionRule] = field(default_factory=_default_actions)

    def __post_init__(self) -> None:
        # Callers may pass plain dicts; keep read-only copies so that a config
        # cannot change after it is checked.
        for name in ("deposits", "withdrawals", "actions"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))
        _check_config(self)

    @property
    def ask_kinds(self) -> frozenset[ActionKind]:
        """The action kinds that are asks and so withdraw goodwill."""
        return frozenset(kind for kind, rule in self.actions.items() if rule.is_ask)


def _require(ok: bool, name: str, rule: str, value: object) -> None:
    if not ok:
        message = f'The model setting {name} must be {rule}, not "{value}".'
        raise InvalidInput(message, field=name, value=value)


def _check_config(config: ModelConfig) -> None:
    """Raise InvalidInput when a setting would make the model meaningless."""
    c = config
    for name in (
        "need_half_life_days",
        "goodwill_half_life_days",
        "prior_weight",
        "confidence_half_weight",
        "openness_prior_weight",
        "trend_window_days",
    ):
        value = getattr(c, name)
        _require(value > 0, name, "above 0", value)
    for name in ("neutral", "resource_connect_weight", "resource_min_quality"):
        value = getattr(c, name)
        _require(0 <= value <= 1, name, "within [0, 1]", value)
    weights = c.openness_initiative_weight + c.openness_response_weight
    _require(weights > 0, "openness weights", "above 0 together", weights)
    tiers = (c.tier_medium_from, c.tier_high_from)
    _require(0 <= tiers[0] <= tiers[1] <= 100, "tier thresholds", "ordered", tiers)
    _require(
        set(c.deposits) == POSITIVE_SIGNALS and min(c.deposits.values()) >= 0,
        "deposits",
        "a non-negative amount for every positive signal kind",
        dict(c.deposits),
    )
    _require(
        set(c.withdrawals) == NEGATIVE_SIGNALS and min(c.withdrawals.values()) >= 0,
        "withdrawals",
        "a non-negative amount for every negative signal kind",
        dict(c.withdrawals),
    )
    _require(
        set(c.actions) == set(ActionKind), "actions", "complete", sorted(c.actions)
    )


DEFAULT_CONFIG = ModelConfig()
