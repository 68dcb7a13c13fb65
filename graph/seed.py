"""Synthetic, realistic and deterministic SiR data for demos, tests and benchmarks.

`generate` makes the events of a whole graph from a seed with
`random.Random(seed)` alone: the same arguments give the same events, ids and
values. `seed_graph` writes them through the one write path of `graph.writes`
in big batches. Every customer follows one archetype of `graph.archetypes`; the
archetype is stored on the Customer as `archetype`, for demos only (real
customers have none). `docs/seed.md` explains the distributions.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from typing import Any

from graph.archetypes import ARCHETYPES, Archetype
from graph.database import Database
from graph.validation import parse_events
from graph.writes import write_checked
from sir.config import ModelConfig
from sir.types import Outcome, SignalKind

Raw = dict[str, Any]

ORGANIZATION_NAMES = (
    "Harbour Bikes", "Green Grocers Co-op", "Northwind Energy", "Atlas Insurance",
    "Lumen Library", "Riverside Health", "Summit Outdoor", "Maple Bank",
)  # fmt: skip
FIRST_NAMES = (
    "Ada", "Bram", "Chloe", "Daan", "Eva", "Femke", "Gijs", "Hana", "Ivo", "Jade",
    "Kees", "Lotte", "Milan", "Noor", "Omar", "Pia", "Quinn", "Roos", "Sem", "Tess",
)  # fmt: skip
LAST_NAMES = (
    "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos",
    "Vos", "Peters", "Hendriks", "Dekker", "Brouwer", "Kok", "Jacobs", "Willems",
)  # fmt: skip
# The role ladder every seeded organization offers: key, name, rung, capacity
# (None for no limit), and which of its two partners hosts it (0 for none).
ROLES = (
    ("reviewer", "Reviewer", 1, None, 0),
    ("community-helper", "Community helper", 2, 200, 0),
    ("beta-tester", "Beta tester", 3, 100, 1),
    ("ambassador", "Ambassador", 4, 50, 0),
    ("co-designer", "Co-designer", 5, 20, 2),
)
PARTNERS = ("Repair Cafe", "Makers Guild")
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
    """The events of a generated graph and each customer's archetype."""

    events: list[Raw] = field(default_factory=list)
    archetypes: dict[str, str] = field(default_factory=dict)


def default_now() -> datetime:
    """Midnight UTC today: seeds of one day are identical, and look recent."""
    return datetime.combine(datetime.now(UTC).date(), time(), tzinfo=UTC)


def generate(
    organizations: int,
    customers: int,
    seed: int,
    *,
    touchpoints_per_customer: int = 8,
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


def catalogue(org: str, index: int) -> list[Raw]:
    """An organization with its partners, role ladder and action catalogue."""
    name = ORGANIZATION_NAMES[index % len(ORGANIZATION_NAMES)]
    if index >= len(ORGANIZATION_NAMES):
        name = f"{name} {index // len(ORGANIZATION_NAMES) + 1}"
    events: list[Raw] = [{"type": "organization", "id": org, "name": name}]
    partners = [f"{org}-partner-{i}" for i in (1, 2)]
    for partner, partner_name in zip(partners, PARTNERS, strict=True):
        events.append(
            {
                "type": "partner",
                "id": partner,
                "name": partner_name,
                "organization": org,
            }
        )
    for key, role_name, rung, capacity, host in ROLES:
        events.append(
            {"type": "role", "id": f"{org}-role-{key}", "organization": org,
             "key": key, "name": role_name, "rung": rung, "capacity": capacity,
             "partner": partners[host - 1] if host else None}
        )  # fmt: skip
    for kind in ModelConfig().actions:
        key = kind.value.lower().replace("_", "-")
        events.append(
            {"type": "action", "id": f"{org}-action-{key}", "organization": org,
             "key": key, "kind": kind.value}
        )  # fmt: skip
    return events


def customer_events(
    data: SeedData,
    rng: random.Random,
    number: int,
    orgs: list[str],
    now: datetime,
    per_customer: int,
) -> None:
    """A customer of one archetype and its relationships with one or two orgs."""
    archetype = rng.choices(ARCHETYPES, [a.share for a in ARCHETYPES])[0]
    customer = f"cust-{number:05d}"
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
        data.events.extend(at.events(per_customer))


def iso(moment: datetime) -> str:
    """A time as ISO 8601 with its zone, to the minute."""
    return moment.replace(second=0, microsecond=0).isoformat()


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

    def moment(self, recent: bool = True) -> datetime:
        """A random time in the relationship; quiet customers are not recent."""
        latest = self.now - timedelta(days=0 if recent else self.archetype.quiet_days)
        latest = max(latest, self.started + timedelta(hours=1))
        span = (latest - self.started).total_seconds()
        return self.started + timedelta(seconds=self.rng.uniform(0, span))

    def events(self, per_customer: int) -> list[Raw]:
        """Touchpoints, signals, preferences, roles and actions received."""
        rng, shape = self.rng, self.archetype
        count = max(
            1, round(per_customer * shape.touchpoint_factor * rng.uniform(0.6, 1.4))
        )
        events = [self.touchpoint(i) for i in range(count)]
        for kind, rate in shape.signals.items():
            for _ in range(int(rate) + (rng.random() < rate % 1)):
                events.append(self.signal(kind, len(events)))
        events.append(self.preferences(events))
        events.extend(self.roles())
        events.extend(self.actions())
        return events

    def touchpoint(self, index: int) -> Raw:
        """One contact, its needs met as the archetype meets them."""
        rng, shape = self.rng, self.archetype
        by_customer = rng.random() < shape.customer_started
        initiator = "CUSTOMER" if by_customer else "ORGANIZATION"
        needs: list[Raw] = [
            {"need": need.value, "fulfilment": round(clamp(rng.gauss(mean, spread)), 2)}
            for need, (chance, mean, spread) in shape.needs.items()
            if rng.random() < chance
        ]
        main = str(needs[0]["need"]) if needs else "SERVE"
        kind = rng.choice(KINDS[(initiator, main)])
        if by_customer and needs and needs[0]["fulfilment"] < -0.3:
            kind = "COMPLAINT"
        return {
            "type": "touchpoint", "id": f"{self.prefix}:t{index}",
            "customer": self.customer, "organization": self.org,
            "channel": rng.choice(shape.channels).value,
            "kind": kind,
            "initiatedBy": initiator, "at": iso(self.moment(recent=not by_customer)),
            "effort": round(rng.uniform(*shape.effort), 2),
            "answered": None if by_customer else rng.random() < shape.answer_rate,
            "partner": f"{self.org}-partner-1" if rng.random() < 0.1 else None,
            "needs": needs,
        }  # fmt: skip

    def signal(self, kind: SignalKind, index: int) -> Raw:
        """One goodwill signal of the given kind."""
        return {
            "type": "signal", "id": f"{self.prefix}:s{index}",
            "customer": self.customer, "organization": self.org, "kind": kind.value,
            "weight": round(self.rng.uniform(0.5, 2.0), 1),
            "at": iso(self.moment(recent=not kind.is_negative)),
        }  # fmt: skip

    def preferences(self, events: list[Raw]) -> Raw:
        """What the customer said about being contacted."""
        shape = self.archetype
        opted_out = any(e.get("kind") == "OPT_OUT" for e in events)
        channels = self.rng.sample(shape.channels, max(1, len(shape.channels) // 2))
        return {
            "type": "contactPreferences", "customer": self.customer,
            "organization": self.org, "at": iso(self.moment()),
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
    touchpoints_per_customer: int = 8,
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
    for start in range(0, len(data.events), batch_size):
        chunk = data.events[start : start + batch_size]
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
