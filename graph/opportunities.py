"""Co-ownership opportunities on the graph: who is ready for the next rung.

`co_ownership_opportunities` reads what the pure model of
`sir/opportunities.py` needs in two statements of `cypher/intel/`, whatever
the size of the organization: the role ladder with the features of each
role's newest holders, then the candidates with theirs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph.database import Database, Row, Transaction
from graph.intel_rows import candidate_of, holder_profile, ladder_role
from sir.config import DEFAULT_CONFIG, ModelConfig
from sir.errors import NotFound
from sir.intel_config import DEFAULT_INTEL_CONFIG, IntelConfig
from sir.opportunities import Opportunity, find_opportunities


@dataclass(frozen=True)
class FoundOpportunity:
    """An opportunity with the customer and the partners hosting the role."""

    opportunity: Opportunity
    customer: Row
    hosts: list[Row]


async def co_ownership_opportunities(
    database: Database,
    organization_id: str,
    *,
    role_id: str | None = None,
    partner_id: str | None = None,
    scope: str | None = None,
    config: IntelConfig = DEFAULT_INTEL_CONFIG,
    model: ModelConfig = DEFAULT_CONFIG,
) -> list[FoundOpportunity]:
    """Every opportunity of the organization, best first, with its customer."""
    _, found = await opportunity_board(
        database,
        organization_id,
        role_id=role_id,
        partner_id=partner_id,
        scope=scope,
        config=config,
        model=model,
    )
    return found


async def opportunity_board(
    database: Database,
    organization_id: str,
    *,
    role_id: str | None = None,
    partner_id: str | None = None,
    scope: str | None = None,
    config: IntelConfig = DEFAULT_INTEL_CONFIG,
    model: ModelConfig = DEFAULT_CONFIG,
) -> tuple[list[str], list[FoundOpportunity]]:
    """The ids of the roles the organization offers, and its opportunities."""

    async def work(tx: Transaction) -> tuple[list[Row], list[Row]]:
        ladder = await tx.run(
            "intel/fetch_role_ladder",
            organization=organization_id,
            holderSample=config.holder_sample,
            scopeOrganizationId=scope,
        )
        candidates = await tx.run(
            "intel/fetch_role_candidates",
            organization=organization_id,
            connectWeight=model.resource_connect_weight,
            minQuality=model.resource_min_quality - config.resource_margin,
            scopeOrganizationId=scope,
        )
        return ladder, candidates

    ladder_rows, candidate_rows = await database.read_transaction(
        work, label="intel/co_ownership_opportunities"
    )
    if not ladder_rows:
        raise NotFound(f'Organization "{organization_id}" does not exist.')
    roles = [row for row in ladder_rows if row["id"] is not None]
    if role_id is not None and role_id not in {row["id"] for row in roles}:
        raise NotFound(
            f'Role "{role_id}" is not offered by organization "{organization_id}".'
        )
    found = find_opportunities(
        [candidate_of(row) for row in candidate_rows],
        [ladder_role(row) for row in roles],
        {row["id"]: holder_profile(row["holders"]) for row in roles},
        role_id=role_id,
        partner_id=partner_id,
        config=config,
        model=model,
    )
    customers = {row["relationship"]: row["customerNode"] for row in candidate_rows}
    hosts = {row["id"]: hosts_first(row["partners"], partner_id) for row in roles}
    return [row["id"] for row in roles], [
        FoundOpportunity(o, customers[o.relationship_id], hosts[o.role.id])
        for o in found
    ]


def hosts_first(partners: Sequence[Row], asked: str | None) -> list[Row]:
    """A role's hosts by id, the partner a filter asked for first."""
    return sorted(partners, key=lambda p: (p["id"] != asked, p["id"]))
