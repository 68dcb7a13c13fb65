"""The kinds of customer that `sir seed` generates, and how each one behaves.

Each archetype sets the distributions of one kind of customer's relationship:
how long it has lasted, how often and through which channels it has contact,
who starts it, how well each need is met, the goodwill signals it gives, the
roles it plays or wants and how it answers the organization's actions. A
customer drifting away behaves one way for most of the year and another in
its last months (`Archetype.decline`). `docs/seed.md` explains them in words;
the numbers live only here.
"""

from __future__ import annotations

from dataclasses import dataclass

from sir.types import ActionKind, Channel, NeedKey, RoleStatus, SignalKind

A, C, N, S = ActionKind, Channel, NeedKey, SignalKind


@dataclass(frozen=True)
class Behaviour:
    """How a customer deals with the organization during a stretch of time."""

    # Touchpoints a year relative to the seed's K: a relationship of factor 1
    # has about K contacts a year.
    contact_factor: float
    # The chance that the customer, not the organization, starts a contact.
    customer_started: float
    # The chance that the customer answers a contact the organization started.
    answer_rate: float
    # Per need: the chance a touchpoint addresses it, and the mean and
    # standard deviation of its fulfilment (held within [-1, 1]).
    needs: dict[NeedKey, tuple[float, float, float]]
    # Expected goodwill signals of each kind per year.
    signals: dict[SignalKind, float]


@dataclass(frozen=True)
class Archetype:
    """How one kind of customer behaves towards an organization."""

    name: str
    # Share of all seeded customers; the shares add up to 1.
    share: float
    # How many days ago the relationship began: uniform in [low, high].
    tenure_days: tuple[int, int]
    # How the customer behaves, for the whole year of history (up to the
    # decline, if there is one).
    behaviour: Behaviour
    channels: tuple[Channel, ...]
    # The customer's effort per touchpoint: uniform in [low, high].
    effort: tuple[float, float]
    # Actions received (0 to 2 of each kind) and the weights of their outcomes
    # POSITIVE, NEUTRAL, NEGATIVE, NO_RESPONSE.
    actions: dict[ActionKind, tuple[int, int, int, int]]
    # The chance of holding a role, its status and the rungs (low, high) of it.
    role: tuple[float, RoleStatus, int, int] | None = None
    # Readiness (low, high) of an aspiration to the rung above the role held.
    aspiration: tuple[float, float] | None = None
    # How the customer behaves in the last days of a decline, and how many
    # days ago the decline began: uniform in [low, high].
    decline: Behaviour | None = None
    decline_days: tuple[int, int] = (0, 0)
    # The customer's own limit on contacts per 30 days.
    max_contacts: int = 4


# fmt: off
ARCHETYPES: tuple[Archetype, ...] = (
    Archetype(
        name="loyal_co_creator", share=0.15, tenure_days=(700, 1500),
        behaviour=Behaviour(
            contact_factor=2.0, customer_started=0.55, answer_rate=0.9,
            needs={N.SERVE: (0.7, 0.75, 0.15), N.CONNECT: (0.6, 0.7, 0.2),
                   N.ROLE: (0.4, 0.6, 0.25)},
            signals={S.CO_CREATION: 1.5, S.SUGGESTION: 3.0, S.REFERRAL: 1.0,
                     S.COMMUNITY_HELP: 4.0, S.REVIEW: 1.0, S.FEEDBACK: 3.0,
                     S.SURVEY_ANSWER: 2.0},
        ),
        channels=(C.EVENT, C.APP, C.CHAT, C.SOCIAL, C.STORE), effort=(0.0, 0.3),
        actions={A.ROLE_INVITATION: (8, 2, 0, 0), A.REFERRAL_REQUEST: (6, 2, 1, 1),
                 A.EVENT_INVITE: (7, 2, 0, 1)},
        role=(0.9, RoleStatus.ACTIVE, 2, 4), aspiration=(0.6, 0.95),
        max_contacts=8,
    ),
    Archetype(
        name="satisfied_distant", share=0.30, tenure_days=(300, 1200),
        behaviour=Behaviour(
            contact_factor=0.9, customer_started=0.2, answer_rate=0.35,
            needs={N.SERVE: (0.9, 0.6, 0.2), N.CONNECT: (0.1, 0.1, 0.25)},
            signals={S.SURVEY_ANSWER: 0.5, S.REVIEW: 0.2},
        ),
        channels=(C.EMAIL, C.WEB, C.APP), effort=(0.0, 0.4),
        actions={A.INFORMATION: (2, 6, 0, 2), A.SURVEY_REQUEST: (1, 2, 0, 7),
                 A.EVENT_INVITE: (0, 2, 0, 8)},
        max_contacts=2,
    ),
    Archetype(
        name="let_down_by_service", share=0.15, tenure_days=(200, 1000),
        behaviour=Behaviour(
            contact_factor=1.2, customer_started=0.7, answer_rate=0.5,
            needs={N.SERVE: (0.95, -0.5, 0.3), N.CONNECT: (0.2, -0.2, 0.3)},
            signals={S.ESCALATED_COMPLAINT: 1.0, S.CHURN_INTENT: 0.5,
                     S.FEEDBACK: 0.5},
        ),
        channels=(C.PHONE, C.CHAT, C.EMAIL, C.STORE), effort=(0.6, 1.0),
        actions={A.SERVICE_FIX: (4, 3, 3, 0), A.FEEDBACK_REQUEST: (1, 1, 4, 4)},
        max_contacts=3,
    ),
    Archetype(
        name="new", share=0.20, tenure_days=(5, 60),
        behaviour=Behaviour(
            contact_factor=1.2, customer_started=0.4, answer_rate=0.6,
            needs={N.SERVE: (0.9, 0.4, 0.3), N.CONNECT: (0.15, 0.2, 0.2)},
            signals={S.OPT_IN: 4.0},
        ),
        channels=(C.WEB, C.APP, C.EMAIL), effort=(0.1, 0.5),
        actions={A.INFORMATION: (5, 4, 0, 1)},
        role=(0.1, RoleStatus.EXPLORING, 1, 1),
    ),
    Archetype(
        name="drifting_away", share=0.15, tenure_days=(500, 1500),
        behaviour=Behaviour(
            contact_factor=1.0, customer_started=0.35, answer_rate=0.7,
            needs={N.SERVE: (0.85, 0.5, 0.25), N.CONNECT: (0.4, 0.4, 0.3)},
            signals={S.FEEDBACK: 1.0, S.SURVEY_ANSWER: 1.0, S.REVIEW: 0.5},
        ),
        decline=Behaviour(
            contact_factor=0.7, customer_started=0.1, answer_rate=0.15,
            needs={N.SERVE: (0.9, -0.4, 0.3), N.CONNECT: (0.3, -0.3, 0.3)},
            signals={S.OPT_OUT: 2.0, S.ESCALATED_COMPLAINT: 1.0,
                     S.CHURN_INTENT: 0.5},
        ),
        decline_days=(45, 120),
        channels=(C.EMAIL, C.STORE, C.WEB), effort=(0.2, 0.6),
        actions={A.EVENT_INVITE: (0, 1, 1, 8), A.PERSONAL_CONTACT: (1, 2, 1, 6)},
        role=(0.5, RoleStatus.LAPSED, 1, 2),
        max_contacts=2,
    ),
    Archetype(
        name="aspiring_contributor", share=0.05, tenure_days=(200, 800),
        behaviour=Behaviour(
            contact_factor=1.3, customer_started=0.5, answer_rate=0.8,
            needs={N.SERVE: (0.7, 0.7, 0.15), N.CONNECT: (0.6, 0.6, 0.2),
                   N.ROLE: (0.3, 0.3, 0.3)},
            signals={S.FEEDBACK: 2.0, S.SUGGESTION: 2.0, S.SURVEY_ANSWER: 1.0,
                     S.REVIEW: 1.0},
        ),
        channels=(C.APP, C.CHAT, C.EVENT, C.SOCIAL), effort=(0.0, 0.4),
        actions={A.ROLE_INVITATION: (5, 4, 0, 1), A.EVENT_INVITE: (6, 3, 0, 1)},
        role=(0.8, RoleStatus.EXPLORING, 1, 2), aspiration=(0.4, 0.8),
        max_contacts=6,
    ),
)
# fmt: on
BY_NAME = {archetype.name: archetype for archetype in ARCHETYPES}
