"""SiR-Intel over GraphQL: next best steps, answers, opportunities, uplift.

`nextBestSteps` is a query that also records what it proposes (as
RECOMMENDED edges) when the caller may write relationships, so that the
answers given later through `respondToStep` refer to a recorded proposal;
for a caller who may only read, it ranks without recording.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import strawberry
from strawberry.dataloader import DataLoader

from graph import intel, opportunities, summaries
from resolvers.context import Info
from resolvers.pagination import Connection, check_first, connection, page_window
from resolvers.permissions import GRANTS, Permission, Principal, require, scope_of
from resolvers.types import Customer
from resolvers.types_state import Role
from sir.errors import NotFound
from sir.intel import ActionOption, StepResponse, StepStatus
from sir.intel_config import DEFAULT_INTEL_CONFIG
from sir.types import ActionKind, Channel, Gate, NeedKey, Outcome, Tier

# The SiR enums are GraphQL enums under their own names; whichever module
# comes first registers each.
for _kind in (ActionKind, Gate, NeedKey, Outcome, Tier, StepResponse, StepStatus):
    if not hasattr(_kind, "__strawberry_definition__"):
        strawberry.enum(_kind)

DEFAULT_STEPS = 5
LOADER_KEY = "intel.steps"

# A relationship id and how many steps are asked for it.
StepsKey = tuple[str, int]
StepsBatch = Callable[
    [list[StepsKey]], Awaitable[list[list[intel.ProposedStep] | None]]
]


@strawberry.type(description="An action of an organization's catalogue.")
class Action:
    id: strawberry.ID
    key: str
    kind: ActionKind
    need: NeedKey = strawberry.field(description="The need the action serves.")
    gate: Gate = strawberry.field(description="The gate it needs passed.")
    goodwill_cost: float = strawberry.field(
        description="Goodwill an ask withdraws; 0 for an action that asks nothing."
    )
    cooldown_days: int
    channel: Channel | None = strawberry.field(
        description="The channel it reaches the customer through, if it has one."
    )

    @classmethod
    def from_option(cls, action: ActionOption) -> Action:
        """The GraphQL view of an action of the model."""
        return cls(
            id=strawberry.ID(action.id),
            key=action.key,
            kind=action.kind,
            need=action.need,
            gate=action.gate,
            goodwill_cost=action.goodwill_cost,
            cooldown_days=action.cooldown_days,
            channel=action.channel,
        )


@strawberry.type(description="A proposed action for one relationship, and why.")
class NextStep:
    action: Action
    rank: int = strawberry.field(description="1 for the best step.")
    score: float = strawberry.field(
        description="Expected uplift plus the bonus for serving the focus need."
    )
    expected_uplift: float = strawberry.field(
        description="Goodwill points the action is expected to add."
    )
    cases: int = strawberry.field(
        description=(
            "Cases the expected uplift was learned from: receipts of the action "
            "by relationships of the same tier and type."
        )
    )
    focus_need: NeedKey = strawberry.field(
        description="The need of the lowest gate the relationship has not passed."
    )
    reasons: list[str]
    status: StepStatus | None = strawberry.field(
        description=(
            "Of the proposal as recorded (by this request or an earlier one); "
            "null when it was never recorded."
        )
    )

    @classmethod
    def from_proposed(cls, proposed: intel.ProposedStep) -> NextStep:
        """The GraphQL view of a ranked step."""
        step = proposed.step
        return cls(
            action=Action.from_option(step.action),
            rank=step.rank,
            score=step.score,
            expected_uplift=step.uplift.expected,
            cases=step.uplift.cases,
            focus_need=step.focus_need,
            reasons=list(step.reasons),
            status=proposed.status,
        )


@strawberry.type(description="Where a step stands after an answer.")
class StepAnswer:
    relationship_id: strawberry.ID
    action_id: strawberry.ID
    status: StepStatus
    responded_at: datetime | None
    changed: bool = strawberry.field(
        description="False when the step already had this answer: nothing changed."
    )


@strawberry.type(description="A partner that hosts a role.")
class RoleHost:
    id: strawberry.ID
    name: str


@strawberry.type(description="A customer ready for the next rung of a role ladder.")
class CoOwnershipOpportunity:
    customer: Customer
    relationship_id: strawberry.ID
    role: Role = strawberry.field(description="The next rung up for the customer.")
    partner: RoleHost | None = strawberry.field(
        description=(
            "A partner that hosts the role, if one does: the one a partner "
            "filter named, else the first by id."
        )
    )
    readiness: float = strawberry.field(
        description=(
            "How ready the customer is, 0 to 1: the weighted mean of clarity, "
            "motivation and ability of the aspiration behind the offer, or a "
            "fixed value for a customer exploring a role without one."
        )
    )
    goodwill: float
    likeness: float = strawberry.field(
        description=(
            "Overlap with the newest customers who hold the role ACTIVE, 0 to 1."
        )
    )
    score: float
    reasons: list[str]

    @classmethod
    def from_found(
        cls, found: opportunities.FoundOpportunity
    ) -> CoOwnershipOpportunity:
        """The GraphQL view of an opportunity."""
        o, role = found.opportunity, found.opportunity.role
        host = found.hosts[0] if found.hosts else None
        return cls(
            customer=Customer.from_row(found.customer),
            relationship_id=strawberry.ID(o.relationship_id),
            role=Role(
                id=strawberry.ID(role.id),
                key=role.key,
                name=role.name,
                rung=role.rung,
                capacity=role.capacity,
            ),
            partner=(
                RoleHost(id=strawberry.ID(host["id"]), name=host["name"] or host["id"])
                if host
                else None
            ),
            readiness=o.readiness,
            goodwill=o.goodwill,
            likeness=o.likeness,
            score=o.score,
            reasons=list(o.reasons),
        )


@strawberry.type(description="What one action did to goodwill in one tier.")
class ActionUplift:
    action: Action
    tier: Tier
    cases: int = strawberry.field(
        description="Receipts of the action by relationships of the tier."
    )
    mean_uplift: float | None = strawberry.field(
        description="Mean goodwill change over the cases; null without cases."
    )
    uplift: float = strawberry.field(
        description="Expected uplift: the mean shrunk towards the catalogue prior."
    )
    prior: float


def may_write(principal: Principal) -> bool:
    """Whether the caller may write relationships, and so record proposals."""
    return Permission.WRITE_RELATIONSHIPS in GRANTS[principal.role]


async def steps_of(info: Info, relationship_id: str, first: int) -> list[NextStep]:
    """The steps of one relationship, batched with the others of this request."""
    principal = require(info, Permission.READ_RELATIONSHIPS)
    limit = check_first(first, DEFAULT_INTEL_CONFIG.max_steps)
    loader = info.context.loaders.get(LOADER_KEY)
    if loader is None:
        loader = DataLoader(_load_steps(info, principal))
        info.context.loaders[LOADER_KEY] = loader
    found: list[intel.ProposedStep] | None = await loader.load((relationship_id, limit))
    if found is None:
        raise NotFound(f'Relationship "{relationship_id}" does not exist.')
    return [NextStep.from_proposed(step) for step in found]


def _load_steps(info: Info, principal: Principal) -> StepsBatch:
    scope = scope_of(principal)["scopeOrganizationId"]
    record = may_write(principal)

    async def load(keys: list[StepsKey]) -> list[list[intel.ProposedStep] | None]:
        # One transaction for the whole level. Each relationship is ranked (and
        # recorded) as far as the largest page asked of it; each key gets its
        # own prefix of that.
        largest: dict[str, int] = {}
        for relationship, first in keys:
            largest[relationship] = max(first, largest.get(relationship, 0))
        found = await intel.next_best_steps(
            info.context.database,
            list(largest),
            first=largest,
            record=record,
            scope=scope,
        )
        return [
            found[relationship][:first] if relationship in found else None
            for relationship, first in keys
        ]

    return load


@strawberry.type
class Query:
    @strawberry.field(
        description=(
            "The eligible actions of the relationship's organization, best "
            "first, each with its reasons. Recorded as proposals (RECOMMENDED) "
            "when the caller may write relationships."
        )
    )
    async def next_best_steps(
        self, info: Info, relationship_id: strawberry.ID, first: int = DEFAULT_STEPS
    ) -> list[NextStep]:
        return await steps_of(info, str(relationship_id), first)

    @strawberry.field(
        description=(
            "Customers ready for the next rung of a role: passed (or close to) "
            "the RESOURCE gate, aspiring to or exploring a role, with room in "
            "it; best first."
        )
    )
    async def co_ownership_opportunities(
        self,
        info: Info,
        organization_id: strawberry.ID,
        role_id: strawberry.ID | None = None,
        partner_id: strawberry.ID | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> Connection[CoOwnershipOpportunity]:
        principal = require(
            info, Permission.READ_RELATIONSHIPS, organization_id=str(organization_id)
        )
        window = page_window(info, first, after)
        database, organization = info.context.database, str(organization_id)
        role = str(role_id) if role_id is not None else None
        partner = str(partner_id) if partner_id is not None else None
        scope = scope_of(principal)["scopeOrganizationId"]
        summary = await summaries.summary_of(database, organization, scope=scope)
        name = summaries.opportunities_list(role, partner)
        if summary is not None and name is not None:
            if role is not None and role not in summary.roles:
                raise NotFound(
                    f'Role "{role}" is not offered by organization "{organization}".'
                )
            kept = await summaries.opportunity_page(
                database, summary, name, window, partner_id=partner, scope=scope
            )
            nodes = [CoOwnershipOpportunity.from_found(item) for item in kept]
            total = summary.length(name) or 0
            return connection(nodes, window, total, as_of=summary.computed_at)
        found = await opportunities.co_ownership_opportunities(
            database, organization, role_id=role, partner_id=partner, scope=scope
        )
        page = found[window.skip : window.skip + window.limit]
        nodes = [CoOwnershipOpportunity.from_found(item) for item in page]
        return connection(nodes, window, len(found))

    @strawberry.field(
        description=(
            "Which actions build goodwill: per action of the catalogue and per "
            "tier, the uplift learned from the relationships that received it."
        )
    )
    async def action_effectiveness(
        self, info: Info, organization_id: strawberry.ID
    ) -> list[ActionUplift]:
        principal = require(
            info, Permission.READ_RELATIONSHIPS, organization_id=str(organization_id)
        )
        effects = await intel.action_effectiveness(
            info.context.database,
            str(organization_id),
            scope=scope_of(principal)["scopeOrganizationId"],
        )
        return [
            ActionUplift(
                action=Action.from_option(e.action),
                tier=e.tier,
                cases=e.cases,
                mean_uplift=e.mean_uplift,
                uplift=e.uplift.expected,
                prior=e.uplift.prior,
            )
            for e in effects
        ]


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description=(
            "Answer a proposed step. COMPLETED also records that the "
            "relationship RECEIVED the action and refreshes its state, so the "
            "step's effect feeds the learning. Answering again with the same "
            "response changes nothing."
        )
    )
    async def respond_to_step(
        self,
        info: Info,
        relationship_id: strawberry.ID,
        action_id: strawberry.ID,
        response: StepResponse,
        at: datetime | None = None,
        outcome: Outcome | None = None,
    ) -> StepAnswer:
        principal = require(info, Permission.WRITE_RELATIONSHIPS)
        answer = await intel.respond_to_step(
            info.context.database,
            str(relationship_id),
            str(action_id),
            response,
            at if at is not None else datetime.now(UTC),
            outcome=outcome if outcome is not None else Outcome.NEUTRAL,
            scope=scope_of(principal)["scopeOrganizationId"],
        )
        return StepAnswer(
            relationship_id=strawberry.ID(answer.relationship_id),
            action_id=strawberry.ID(answer.action_id),
            status=answer.status,
            responded_at=answer.responded_at,
            changed=answer.changed,
        )
