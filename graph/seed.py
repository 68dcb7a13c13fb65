"""Synthetic, realistic and deterministic SiR data for demos, tests and benchmarks.

`generate` makes the events of a whole graph from a seed with
`random.Random(seed)` alone: the same arguments give the same events, ids and
values. `seed_graph` writes them through the one write path of `graph.writes`
in big batches. Every customer follows one archetype of `graph.archetypes`; the
archetype is stored on the Customer as `archetype`, for demos only (real
customers have none). `docs/seed.md` explains the distributions.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta

from graph.archetypes import ARCHETYPES, Archetype, Behaviour
from graph.database import Database
from graph.seed_catalogue import ROLES, Raw, catalogue
from graph.states import profile_all
from graph.validation import parse_events
from graph.writes import write_checked
from sir.types import Outcome, SignalKind

# K: a relationship of contact factor 1 has about this many touchpoints a
# year, and the seeded population about this many per relationship.
TOUCHPOINTS_PER_CUSTOMER = 20
# How far back the generated history of a relationship reaches, besides its
# first contact: older contacts would weigh little in a profile (a need's
# evidence halves every 90 days, goodwill every 180), and a year keeps a
# benchmark graph of 100,000 customers at about K touchpoints each.
HISTORY_DAYS = 365
# A replayed history of states (`replay_history`) has one state a month.
HISTORY_STEP_DAYS = 30

FIRST_NAMES = (
    "Ada", "Bram", "Chloe", "Daan", "Eva", "Femke", "Gijs", "Hana", "Ivo", "Jade",
    "Kees", "Lotte", "Milan", "Noor", "Omar", "Pia", "Quinn", "Roos", "Sem", "Tess",
)  # fmt: skip
LAST_NAMES = (
    "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos",
    "Vos", "Peters", "Hendriks", "Dekker", "Brouwer", "Kok", "Jacobs", "Willems",
)  # fmt: skip
# What a touchpoint is called, by who started it and the need it addressed most.
KINDS = {
    ("CUSTOMER", "SERVE"): ("PURCHASE", "SUPPORT_REQUEST", "COMPLAINT"),
    ("CUSTOMER", "CONNECT"): ("CONVERSATION", "EVENT_VISIT"),
    ("CUSTOMER", "ROLE"): ("COMMUNITY_ACTIVITY", "IDEA_SUBMITTED"),
    ("ORGANIZATION", "SERVE"): ("DELIVERY", "SERVICE_VISIT", "NEWSLETTER"),
    ("ORGANIZATION", "CONNECT"): ("CHECK_IN", "EVENT_INVITATION"),
    ("ORGANIZATION", "ROLE"): ("ROLE_BRIEFING", "CO_CREATION_SESSION"),
}


@dataclass
class SeedData:
    """The events of a generated graph and each customer's archetype.

    `starts` holds the index of the first event of each customer, so that a
    writer can keep a customer's events together in one batch.
    """

    events: list[Raw] = field(default_factory=list)
    archetypes: dict[str, str] = field(default_factory=dict)
    starts: list[int] = field(default_factory=list)

    def batches(self, size: int) -> list[list[Raw]]:
        """The events in batches of about `size`, never splitting a customer.

        Each batch is one transaction that profiles the relationships it
        touches: a customer split over two would be profiled half-written,
        and its history of states would depend on the batch size.
        """
        cuts = [0, *self.starts, len(self.events)]
        found: list[list[Raw]] = []
        current: list[Raw] = []
        for start, end in itertools.pairwise(cuts):
            unit = self.events[start:end]
            if current and len(current) + len(unit) > size:
                found.append(current)
                current = []
            current.extend(unit)
        if current:
            found.append(current)
        return found


def default_now() -> datetime:
    """Midnight UTC today: seeds of one day are identical, and look recent."""
    return datetime.combine(datetime.now(UTC).date(), time(), tzinfo=UTC)


def generate(
    organizations: int,
    customers: int,
    seed: int,
    *,
    touchpoints_per_customer: int = TOUCHPOINTS_PER_CUSTOMER,
    now: datetime | None = None,
) -> SeedData:
    """The events of a whole graph, catalogues first, from `seed` alone."""
    rng = random.Random(seed)
    anchor = now or default_now()
    data = SeedData()
    orgs = [f"org-{i}" for i in range(1, organizations + 1)]
    for index, org in enumerate(orgs):
        data.events.extend(catalogue(org, index))
    for number in range(1, customers + 1):
        customer_events(data, rng, number, orgs, anchor, touchpoints_per_customer)
    return data


def customer_events(
    data: SeedData,
    rng: random.Random,
    number: int,
    orgs: list[str],
    now: datetime,
    per_year: int,
) -> None:
    """A customer of one archetype and its relationships with one or two orgs."""
    archetype = rng.choices(ARCHETYPES, [a.share for a in ARCHETYPES])[0]
    customer = f"cust-{number:05d}"
    data.starts.append(len(data.events))
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    tenure = rng.randint(*archetype.tenure_days)
    started = now - timedelta(days=tenure)
    data.archetypes[customer] = archetype.name
    data.events.append(
        {"type": "customer", "id": customer, "name": f"{first} {last}",
         "email": f"{first}.{number}@example.com".lower(),
         "createdAt": iso(started - timedelta(days=rng.randint(0, 30)))}
    )  # fmt: skip
    count = 2 if len(orgs) > 1 and rng.random() < 0.15 else 1
    for org in rng.sample(orgs, min(count, len(orgs))):
        at = Relation(rng, archetype, customer, org, now, started)
        data.events.extend(at.events(per_year))


def iso(moment: datetime) -> str:
    """A time as ISO 8601 with its zone, to the minute."""
    return moment.replace(second=0, microsecond=0).isoformat()


@dataclass(frozen=True)
class Phase:
    """A stretch of a relationship in which the customer behaves one way."""

    behaviour: Behaviour
    start: datetime
    end: datetime

    @property
    def years(self) -> float:
        """The length of the phase in years."""
        return (self.end - self.start).total_seconds() / (365 * 86_400)


@dataclass
class Relation:
    """The events of one customer's relationship with one organization."""

    rng: random.Random
    archetype: Archetype
    customer: str
    org: str
    now: datetime
    started: datetime

    @property
    def prefix(self) -> str:
        """The stem of the ids of this relationship's touchpoints and signals."""
        return f"{self.customer}:{self.org}"

    @property
    def history_start(self) -> datetime:
        """Where the generated history begins: a year ago, or at the start."""
        return max(self.started, self.now - timedelta(days=HISTORY_DAYS))

    def phases(self) -> list[Phase]:
        """The history in phases: steady, or engaged and then declining."""
        shape, start = self.archetype, self.history_start
        if shape.decline is None:
            return [Phase(shape.behaviour, start, self.now)]
        turn = self.now - timedelta(days=self.rng.randint(*shape.decline_days))
        turn = max(turn, start)
        return [
            Phase(shape.behaviour, start, turn),
            Phase(shape.decline, turn, self.now),
        ]

    def moment(
        self, start: datetime | None = None, end: datetime | None = None
    ) -> datetime:
        """A random time between `start` and `end`, the history by default."""
        start = start or self.history_start
        span = ((end or self.now) - start).total_seconds()
        return start + timedelta(seconds=self.rng.uniform(0, span))

    def events(self, per_year: float) -> list[Raw]:
        """Touchpoints, signals, preferences, roles and actions received."""
        rng = self.rng
        # How busy this customer is compared with others of the archetype.
        intensity = rng.uniform(0.6, 1.4)
        phases = self.phases()
        # The first contact opens the relationship, however long ago.
        events = [self.touchpoint(0, phases[0].behaviour, self.started)]
        for phase in phases:
            expected = per_year * phase.behaviour.contact_factor * phase.years
            for _ in range(round(expected * intensity)):
                at = self.moment(phase.start, phase.end)
                events.append(self.touchpoint(len(events), phase.behaviour, at))
        for phase in phases:
            for kind, rate in phase.behaviour.signals.items():
                for _ in range(self.count(rate * phase.years)):
                    at = self.moment(phase.start, phase.end)
                    events.append(self.signal(kind, len(events), at))
        events.append(self.preferences(events))
        events.extend(self.roles())
        events.extend(self.actions())
        return events

    def count(self, expected: float) -> int:
        """A whole number of events whose mean is `expected`."""
        return int(expected) + (self.rng.random() < expected % 1)

    def touchpoint(self, index: int, behaviour: Behaviour, at: datetime) -> Raw:
        """One contact, its needs met as the customer's behaviour meets them."""
        rng, shape = self.rng, self.archetype
        by_customer = rng.random() < behaviour.customer_started
        initiator = "CUSTOMER" if by_customer else "ORGANIZATION"
        needs: list[Raw] = [
            {"need": need.value, "fulfilment": round(clamp(rng.gauss(mean, spread)), 2)}
            for need, (chance, mean, spread) in behaviour.needs.items()
            if rng.random() < chance
        ]
        main = str(needs[0]["need"]) if needs else "SERVE"
        kind = rng.choice(KINDS[(initiator, main)])
        if by_customer and needs and needs[0]["fulfilment"] < -0.3:
            kind = "COMPLAINT"
        answered = None if by_customer else rng.random() < behaviour.answer_rate
        return {
            "type": "touchpoint", "id": f"{self.prefix}:t{index}",
            "customer": self.customer, "organization": self.org,
            "channel": rng.choice(shape.channels).value,
            "kind": kind, "initiatedBy": initiator, "at": iso(at),
            "effort": round(rng.uniform(*shape.effort), 2),
            "answered": answered,
            "partner": f"{self.org}-partner-1" if rng.random() < 0.1 else None,
            "needs": needs,
        }  # fmt: skip

    def signal(self, kind: SignalKind, index: int, at: datetime) -> Raw:
        """One goodwill signal of the given kind."""
        return {
            "type": "signal", "id": f"{self.prefix}:s{index}",
            "customer": self.customer, "organization": self.org, "kind": kind.value,
            "weight": round(self.rng.uniform(0.5, 2.0), 1), "at": iso(at),
        }  # fmt: skip

    def preferences(self, events: list[Raw]) -> Raw:
        """What the customer said about being contacted."""
        shape = self.archetype
        opt_outs = [e["at"] for e in events if e.get("kind") == "OPT_OUT"]
        opted_out = bool(opt_outs)
        channels = self.rng.sample(shape.channels, max(1, len(shape.channels) // 2))
        # A customer who opted out said so with the latest opt-out.
        at = max(opt_outs) if opt_outs else iso(self.moment())
        return {
            "type": "contactPreferences", "customer": self.customer,
            "organization": self.org, "at": at,
            "consentedChannels": [] if opted_out else [c.value for c in channels],
            "optedOut": opted_out, "maxContactsPer30Days": shape.max_contacts,
            "preferredChannel": channels[0].value,
        }  # fmt: skip

    def roles(self) -> list[Raw]:
        """The role the customer plays, and the next rung it aspires to."""
        if self.archetype.role is None:
            return []
        chance, status, low, high = self.archetype.role
        if self.rng.random() >= chance:
            return []
        rung = self.rng.randint(low, high)
        events: list[Raw] = [
            {"type": "roleStatus", "customer": self.customer,
             "role": self.role_id(rung), "status": status.value,
             "since": iso(self.moment())}
        ]  # fmt: skip
        if self.archetype.aspiration is not None and rung < len(ROLES):
            low_r, high_r = self.archetype.aspiration
            readiness = {
                name: round(self.rng.uniform(low_r, high_r), 2)
                for name in ("clarity", "motivation", "ability")
            }
            events.append(
                {"type": "aspiration", "customer": self.customer,
                 "role": self.role_id(rung + 1), "at": iso(self.moment()),
                 **readiness}
            )  # fmt: skip
        return events

    def role_id(self, rung: int) -> str:
        """The id of this organization's role on a rung of the ladder."""
        return f"{self.org}-role-{ROLES[rung - 1][0]}"

    def actions(self) -> list[Raw]:
        """Actions of the catalogue the customer received, and the outcomes."""
        outcomes = list(Outcome)
        events: list[Raw] = [
            {"type": "actionReceived", "customer": self.customer,
             "action": f"{self.org}-action-{kind.value.lower().replace('_', '-')}",
             "at": iso(self.moment()),
             "outcome": self.rng.choices(outcomes, weights)[0].value}
            for kind, weights in self.archetype.actions.items()
            for _ in range(self.rng.randint(0, 2))
        ]  # fmt: skip
        # The same action at the same minute is one RECEIVED; keep one of each.
        unique = {(e["action"], e["at"]): e for e in events}
        return list(unique.values())


def clamp(value: float, low: float = -1.0, high: float = 1.0) -> float:
    """`value` held within [low, high]."""
    return max(low, min(high, value))


@dataclass(frozen=True)
class SeedSummary:
    """How many events and customers of each archetype a seed wrote."""

    events: int
    archetypes: dict[str, int]


async def seed_graph(
    database: Database,
    organizations: int,
    customers: int,
    seed: int,
    *,
    touchpoints_per_customer: int = TOUCHPOINTS_PER_CUSTOMER,
    now: datetime | None = None,
    batch_size: int = 5000,
    progress: Callable[[int, int], None] | None = None,
) -> SeedSummary:
    """Generate a graph from `seed` and write it in batches of `batch_size`.

    Writing the same seed again changes nothing: every event is a MERGE.
    `progress` is told the events of each batch written and the total.
    """
    data = generate(
        organizations,
        customers,
        seed,
        touchpoints_per_customer=touchpoints_per_customer,
        now=now,
    )
    for chunk in data.batches(batch_size):
        events = parse_events(chunk, len(chunk))
        for event in events:
            if event.type == "customer":
                event.values["archetype"] = data.archetypes[event.values["id"]]
        await write_checked(database, events)
        if progress is not None:
            progress(len(chunk), len(data.events))
    counts: dict[str, int] = {}
    for name in data.archetypes.values():
        counts[name] = counts.get(name, 0) + 1
    return SeedSummary(len(data.events), counts)


async def replay_history(
    database: Database,
    months: int,
    *,
    now: datetime | None = None,
    batch_size: int = 500,
) -> int:
    """Profile every relationship as of each of the last `months` months.

    A seeded graph is written at once, so each relationship gets one state,
    today's. Profiling it as of past moments, oldest first, keeps the
    snapshots it would have had if the service had run all along: the
    goodwill over time of a profile, and the states before and after an
    action that SiR-Intel learns uplift from. A last profile as of the
    present makes the current state today's again. Returns the snapshots kept.
    """
    start = now or default_now()
    snapshots = 0
    for back in range(months, 0, -1):
        moment = start - timedelta(days=HISTORY_STEP_DAYS * back)
        run = await profile_all(database, batch_size, now=moment)
        snapshots += run.snapshots
    run = await profile_all(database, batch_size)
    return snapshots + run.snapshots
