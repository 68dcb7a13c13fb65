"""Summaries of organizations: what organization-wide reads serve at scale.

The dashboard, the customers page and the co-ownership opportunities of an
organization each read every one of its relationships, so they cost more as
it grows (about ten times more at 100,000 customers than at 10,000). A
summary computes them once and keeps the result in the graph:

- an (:OrganizationSummary {organizationId}) node with the dashboard's
  counts and averages, the ids of the at-risk relationships with the lowest
  goodwill, the roles offered, the length of each ordered list, and
  `computedAt`;
- (:SummaryPage) nodes of `CHUNK` entries each, found by key
  ("<organization>|<list>|<chunk>"): the customers in every order of the
  customers page, and the opportunities best first, also per role and per
  partner.

A request then reads one node and one or two pages, whatever the size of
the organization, and answers with the summary's age (`computedAt`). The
states shown with a page are read live; the order, the counts and the
opportunities' figures are those of `computedAt`.

Only organizations with at least `Database.summary_from` relationships are
served from their summary; smaller ones are read live, exactly, as before.
`graph.summarizer` refreshes summaries in the background after writes, and
`sir summarize` at once.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any, Final

from graph import reads
from graph.database import Database, Row, Transaction
from graph.opportunities import FoundOpportunity, hosts_first, opportunity_board
from sir.opportunities import LadderRole, Opportunity

# Entries in one page of an ordered list (kept with the summary).
CHUNK: Final = 500
# At-risk relationships kept, lowest goodwill first: the largest page size
# a dashboard may ask for by default (`Settings.max_page_size`).
AT_RISK_KEPT: Final = 100
# The customers page's orders: the row field of `fetch_customer_keys` each
# sorts by.
ORDER_FIELDS: Final = {
    "NAME": "name",
    "GOODWILL": "goodwill",
    "GOODWILL_CHANGE": "trend",
}
# Dashboard properties copied as they are from `read/summarize_organization`.
FIGURES: Final = (
    "relationships",
    "profiled",
    "atRisk",
    "goodwill",
    "serve",
    "serveConfidence",
    "connect",
    "connectConfidence",
    "role",
    "roleConfidence",
)
# Dashboard counts, kept as parallel lists of keys and counts.
COUNTS: Final = ("tiers", "gates", "types")


def customers_list(order_by: str, descending: bool) -> str:
    """The name of the list of customers in one order of the customers page."""
    return f"customers/{order_by}/{'desc' if descending else 'asc'}"


def opportunities_list(role_id: str | None, partner_id: str | None) -> str | None:
    """The list of opportunities for these filters; None when none is kept."""
    if role_id is not None and partner_id is not None:
        return None
    if role_id is not None:
        return f"opportunities/role/{role_id}"
    if partner_id is not None:
        return f"opportunities/partner/{partner_id}"
    return "opportunities"


@dataclass(frozen=True)
class Summary:
    """One organization's stored summary."""

    organization_id: str
    computed_at: datetime
    properties: Row

    @classmethod
    def from_row(cls, found: Row) -> Summary:
        """A summary from the map `summary/get_summary` returns."""
        return cls(found["organizationId"], found["computedAt"], found)

    @property
    def relationships(self) -> int:
        """How many relationships the organization had at `computed_at`."""
        return int(self.properties.get("relationships") or 0)

    @property
    def chunk(self) -> int:
        """Entries in one page of the summary's lists."""
        return int(self.properties.get("chunk") or CHUNK)

    @property
    def at_risk(self) -> list[str]:
        """At-risk relationship ids, lowest goodwill first (`AT_RISK_KEPT`)."""
        return list(self.properties.get("atRiskIds") or [])

    @property
    def roles(self) -> frozenset[str]:
        """The ids of the roles the organization offered."""
        return frozenset(self.properties.get("roles") or [])

    def length(self, name: str) -> int | None:
        """How long a kept list is; None when the summary has no such list."""
        lists = self.properties.get("lists") or []
        lengths = self.properties.get("lengths") or []
        for listed, length in zip(lists, lengths, strict=True):
            if listed == name:
                return int(length)
        return None

    def dashboard_row(self) -> Row:
        """The figures in the shape of `read/summarize_organization`'s row."""
        row: Row = {name: self.properties.get(name) for name in FIGURES}
        for name in COUNTS:
            keys = self.properties.get(f"{name}Keys") or []
            counts = self.properties.get(f"{name}Counts") or []
            row[name] = [
                {"key": key, "count": count}
                for key, count in zip(keys, counts, strict=True)
            ]
        return row


async def summary_of(
    database: Database, organization_id: str, *, scope: str | None
) -> Summary | None:
    """The organization's summary if reads should be served from it.

    None when the organization is smaller than `database.summary_from`, has
    no summary yet, or is out of scope: the caller then reads live.
    """
    if database.summary_from is None:
        return None
    rows = await database.read(
        "summary/get_summary",
        organizationId=organization_id,
        scopeOrganizationId=scope,
    )
    if not rows:
        return None
    summary = Summary.from_row(rows[0]["summary"])
    if summary.relationships < database.summary_from:
        return None
    return summary


async def read_list(
    database: Database,
    summary: Summary,
    name: str,
    window: reads.Window,
    *,
    scope: str | None,
) -> list[str]:
    """The entries of one kept list in a window: one or two pages read."""
    length = summary.length(name) or 0
    end = min(window.skip + window.limit, length)
    if window.skip >= end:
        return []
    size = summary.chunk
    chunks = range(window.skip // size, (end - 1) // size + 1)
    rows = await database.read(
        "summary/get_summary_pages",
        keys=[page_key(summary.organization_id, name, chunk) for chunk in chunks],
        scopeOrganizationId=scope,
    )
    entries = [item for row in rows for item in row["items"]]
    start = window.skip - chunks[0] * size
    return entries[start : start + (end - window.skip)]


def page_key(organization_id: str, name: str, chunk: int) -> str:
    """The key of one page of a kept list."""
    return f"{organization_id}|{name}|{chunk}"


# ------------------------------------------------------------------ refresh


async def refresh_summary(
    database: Database,
    organization_id: str,
    *,
    now: datetime | None = None,
    chunk: int = CHUNK,
) -> int | None:
    """Compute and store one organization's summary; the pages written, or
    None when there is no such organization.

    `computedAt` is the moment before the first read, so that a write that
    lands while the summary is computed counts as newer than it.
    """
    moment = now if now is not None else datetime.now(UTC)
    figures = await reads.summarize_organization(database, organization_id, scope=None)
    if figures is None:
        return None
    at_risk = await reads.at_risk_relationships(
        database, organization_id, AT_RISK_KEPT, scope=None
    )
    keys = await database.read(
        "summary/fetch_customer_keys", organizationId=organization_id
    )
    roles, found = await opportunity_board(database, organization_id, scope=None)
    lists: dict[str, list[str]] = {}
    for order_by, field in ORDER_FIELDS.items():
        for descending in (False, True):
            lists[customers_list(order_by, descending)] = ordered_ids(
                keys, field, descending
            )
    lists.update(opportunity_lists(found))
    summary = summary_properties(figures, at_risk, lists, moment) | {
        "roles": sorted(roles)
    }
    summary["chunk"] = chunk
    pages = [
        {
            "key": page_key(organization_id, name, start // chunk),
            "organizationId": organization_id,
            "list": name,
            "chunk": start // chunk,
            "items": items[start : start + chunk],
        }
        for name, items in lists.items()
        for start in range(0, len(items), chunk)
    ]

    async def store(tx: Transaction) -> int:
        await tx.run("summary/delete_summary_pages", organizationId=organization_id)
        rows = await tx.run(
            "summary/store_summary",
            organizationId=organization_id,
            summary=summary,
            pages=pages,
        )
        return int(rows[0]["pages"]) if rows else 0

    return await database.write_transaction(store, label="summary/store_summary")


def summary_properties(
    figures: Row, at_risk: Sequence[Row], lists: dict[str, list[str]], moment: datetime
) -> dict[str, Any]:
    """The properties of an OrganizationSummary node: primitives and lists."""
    properties: dict[str, Any] = {name: figures.get(name) for name in FIGURES}
    for name in COUNTS:
        entries = sorted(figures.get(name) or [], key=lambda e: str(e["key"]))
        properties[f"{name}Keys"] = [entry["key"] for entry in entries]
        properties[f"{name}Counts"] = [entry["count"] for entry in entries]
    names = sorted(lists)
    return properties | {
        "computedAt": moment,
        "atRiskIds": [row["id"] for row in at_risk],
        "lists": names,
        "lengths": [len(lists[name]) for name in names],
    }


def ordered_ids(rows: Sequence[Row], field: str, descending: bool) -> list[str]:
    """Customer ids in the order `read/list_organization_customers` gives.

    Customers without a value come last either way, by id; ties by id.
    """
    present = [row for row in rows if row[field] is not None]
    absent = sorted(row["id"] for row in rows if row[field] is None)
    present.sort(key=lambda row: row["id"])
    present.sort(key=lambda row: row[field], reverse=descending)
    return [row["id"] for row in present] + absent


# ------------------------------------------------------------ opportunities


def opportunity_lists(found: Sequence[FoundOpportunity]) -> dict[str, list[str]]:
    """Every opportunity best first, and the same per role and per partner."""
    lists: dict[str, list[str]] = {"opportunities": []}
    for item in found:
        entry = encode_opportunity(item)
        role = item.opportunity.role
        names = ["opportunities", f"opportunities/role/{role.id}"]
        names += [f"opportunities/partner/{partner}" for partner in role.partners]
        for name in names:
            lists.setdefault(name, []).append(entry)
    return lists


def encode_opportunity(found: FoundOpportunity) -> str:
    """One opportunity as a JSON entry of a kept list."""
    data = asdict(found.opportunity)
    data["role"]["partners"] = sorted(found.opportunity.role.partners)
    data["hosts"] = [{"id": h["id"], "name": h["name"]} for h in found.hosts]
    return json.dumps(data, separators=(",", ":"))


def decode_opportunity(entry: str) -> tuple[Opportunity, list[Row]]:
    """An opportunity and the partners hosting its role, from a kept entry."""
    data = json.loads(entry)
    hosts: list[Row] = data.pop("hosts")
    role = data.pop("role")
    opportunity = Opportunity(
        **data
        | {
            "role": LadderRole(**role | {"partners": frozenset(role["partners"])}),
            "reasons": tuple(data["reasons"]),
        }
    )
    return opportunity, hosts


async def opportunity_page(
    database: Database,
    summary: Summary,
    name: str,
    window: reads.Window,
    *,
    partner_id: str | None,
    scope: str | None,
) -> list[FoundOpportunity]:
    """One page of a kept list of opportunities, with today's customers."""
    entries = [
        decode_opportunity(entry)
        for entry in await read_list(database, summary, name, window, scope=scope)
    ]
    customers = await reads.get_customers(
        database, [o.customer_id for o, _ in entries], scope=scope
    )
    return [
        FoundOpportunity(o, customers[o.customer_id], hosts_first(hosts, partner_id))
        for o, hosts in entries
        if o.customer_id in customers
    ]
