"""The organizations of `sir seed`: names, partners, role ladder, catalogue.

Every seeded organization offers the same role ladder and one action of every
kind, so that the customers of `graph.seed` can play, aspire to and receive
them. `docs/seed.md` describes them.
"""

from __future__ import annotations

from typing import Any

from sir.config import ModelConfig

Raw = dict[str, Any]

ORGANIZATION_NAMES = (
    "Harbour Bikes", "Green Grocers Co-op", "Northwind Energy", "Atlas Insurance",
    "Lumen Library", "Riverside Health", "Summit Outdoor", "Maple Bank",
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
