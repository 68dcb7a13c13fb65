"""The role matrix of the API: every query and mutation, what each caller gets.

Each `Case` is one GraphQL request aimed at data of organization o-1 (or
partner p-1), and names the callers that may do it (`allowed`) and those for
whom the organization's scope filters the answer to nothing (`hidden`); every
other caller must be refused with FORBIDDEN. Mutations carry values marked
with the caller, so that a refused write can be shown to have changed nothing.
`tests/test_auth_matrix.py` runs them; a new root field of the schema without
a case here fails it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tests.test_partner import AT, PARTNER_GRAPH

Data = Mapping[str, Any] | None

# name -> (role, organization, partner). The second of each kind is the
# "wrong organization" or "wrong partner" of the o-1 and p-1 data asked for.
CALLERS: dict[str, tuple[str, str | None, str | None]] = {
    "admin": ("ADMIN", None, None),
    "analyst": ("ANALYST", "o-1", None),
    "agent": ("AGENT", "o-1", None),
    "partner": ("PARTNER", None, "p-1"),
    "analyst-of-o-2": ("ANALYST", "o-2", None),
    "agent-of-o-2": ("AGENT", "o-2", None),
    "partner-p-3": ("PARTNER", None, "p-3"),
}
READERS = frozenset({"admin", "analyst", "agent"})
WRONG_READERS = frozenset({"analyst-of-o-2", "agent-of-o-2"})
WRITERS = frozenset({"admin", "agent"})
ADMIN = frozenset({"admin"})
O1_CUSTOMERS = {"c-ada", "c-ben", "c-cleo", "c-dan"}
RELATIONSHIP = "c-ada/o-1"


def action(id: str, organization: str, kind: str) -> dict[str, Any]:
    return {"action": {"id": id, "organization": organization, "key": id, "kind": kind}}


# The partner tests' graph (o-1 with p-1 and p-2, o-2 with p-3), plus
# actions in both catalogues, contact preferences and a received action.
MATRIX_GRAPH: list[dict[str, Any]] = [
    *PARTNER_GRAPH,
    action("a-fix", "o-1", "SERVICE_FIX"),
    action("a-info", "o-1", "INFORMATION"),
    action("a-fix-2", "o-2", "SERVICE_FIX"),
    {
        "contactPreferences": {
            "customer": "c-ada",
            "organization": "o-1",
            "at": AT,
            "consentedChannels": ["EMAIL"],
        }
    },
    {
        "actionReceived": {
            "customer": "c-ada",
            "action": "a-fix",
            "at": AT,
            "outcome": "POSITIVE",
        }
    },
]


@dataclass(frozen=True)
class Case:
    """One request, who may make it, and how to see that it returned o-1 data."""

    name: str
    root: str
    document: str
    allowed: frozenset[str]
    hidden: frozenset[str] = frozenset()
    seen: Callable[[Data], bool] = lambda data: (
        bool(data) and all(value is not None for value in data.values())
    )
    # Variables for the caller numbered n (its place in CALLERS).
    variables: Callable[[int], dict[str, Any]] = field(default=lambda n: {})
    # The id of a node that a refused write, or a reader's query, must leave
    # untouched.
    target: str | None = None


def at(n: int) -> str:
    """A time after AT that differs per caller, so newer writes apply."""
    return f"2024-06-{n + 1:02d}T10:00:00Z"


def customer_ids(data: Data) -> set[str]:
    edges = (data or {}).get("customers", {}).get("edges", [])
    return {edge["node"]["id"] for edge in edges}


def mutation(root: str, input_type: str, fields: str = "written") -> str:
    return (
        f"mutation ($input: {input_type}!) {{ {root}(input: $input) {{ {fields} }} }}"
    )


def touchpoint(n: int, id: str = "t-1", partner: str | None = None) -> dict[str, Any]:
    return {
        "id": id,
        "customer": "c-ada",
        "organization": "o-1",
        "channel": "EMAIL",
        "kind": "REPAIR",
        "initiatedBy": "CUSTOMER",
        "at": AT,
        "note": f"noted by caller {n}",
        "partner": partner,
        "needs": [{"need": "SERVE", "fulfilment": 0.9}],
    }


QUERIES = [
    Case("graphStats", "graphStats", "{ graphStats { customers } }", ADMIN),
    Case(
        "customerNeighbourhood",
        "customerNeighbourhood",
        '{ customerNeighbourhood(customerId: "c-ada") { nodes { id } } }',
        READERS,
        WRONG_READERS,
    ),
    Case(
        "customer",
        "customer",
        '{ customer(id: "c-ada") { id relationships { id } } }',
        READERS,
        WRONG_READERS,
    ),
    Case(
        "customers",
        "customers",
        "{ customers { totalCount edges { node { id } } } }",
        READERS,
        WRONG_READERS,
        seen=lambda data: bool(customer_ids(data) & O1_CUSTOMERS),
    ),
    Case(
        "customers of a named organization",
        "customers",
        '{ customers(organizationId: "o-1") { edges { node { id } } } }',
        READERS,
        seen=lambda data: bool(customer_ids(data) & O1_CUSTOMERS),
    ),
    Case(
        "relationship",
        "relationship",
        f'{{ relationship(id: "{RELATIONSHIP}") {{ id touchpoints {{ totalCount }}'
        " signals { totalCount } roles { totalCount } history { at } } }",
        READERS,
        WRONG_READERS,
    ),
    Case("organization", "organization", '{ organization(id: "o-1") { id } }', READERS),
    Case(
        "organization dashboard",
        "organization",
        '{ organization(id: "o-1") { dashboard { relationships atRisk { id } } } }',
        frozenset({"admin", "analyst"}),
    ),
    Case(
        "partnerPortal",
        "partnerPortal",
        '{ partnerPortal(partnerId: "p-1") { id customers { totalCount } } }',
        frozenset({"admin", "partner"}),
    ),
    Case(
        "nextBestSteps",
        "nextBestSteps",
        f'{{ nextBestSteps(relationshipId: "{RELATIONSHIP}") {{ action {{ id }} }} }}',
        READERS,
        WRONG_READERS,
        seen=lambda data: bool((data or {}).get("nextBestSteps")),
        # A writer's call records the steps; anyone else's must not.
        target=RELATIONSHIP,
    ),
    Case(
        "coOwnershipOpportunities",
        "coOwnershipOpportunities",
        '{ coOwnershipOpportunities(organizationId: "o-1") { totalCount } }',
        READERS,
    ),
    Case(
        "actionEffectiveness",
        "actionEffectiveness",
        '{ actionEffectiveness(organizationId: "o-1") { action { id } } }',
        READERS,
        seen=lambda data: bool((data or {}).get("actionEffectiveness")),
    ),
]

MUTATIONS = [
    Case(
        "upsertOrganization",
        "upsertOrganization",
        mutation("upsertOrganization", "OrganizationInput"),
        ADMIN,
        variables=lambda n: {"input": {"id": "o-1", "name": f"Harbour Bikes {n}"}},
        target="o-1",
    ),
    Case(
        "upsertCustomer",
        "upsertCustomer",
        mutation("upsertCustomer", "CustomerInput"),
        WRITERS,
        variables=lambda n: {"input": {"id": "c-ada", "name": f"Ada {n}"}},
        target="c-ada",
    ),
    Case(
        "upsertCustomer of a new customer",
        "upsertCustomer",
        mutation("upsertCustomer", "CustomerInput"),
        WRITERS | {"agent-of-o-2"},
        variables=lambda n: {"input": {"id": "c-new", "name": f"Newcomer {n}"}},
        target="c-new",
    ),
    Case(
        "upsertPartner",
        "upsertPartner",
        mutation("upsertPartner", "PartnerInput"),
        ADMIN,
        variables=lambda n: {
            "input": {"id": "p-1", "name": f"Repair Cafe {n}", "organization": "o-1"}
        },
        target="p-1",
    ),
    Case(
        "upsertRole",
        "upsertRole",
        mutation("upsertRole", "RoleInput"),
        ADMIN,
        variables=lambda n: {
            "input": {
                "id": "r-fixer",
                "organization": "o-1",
                "key": "fixer",
                "name": f"Fixer {n}",
                "rung": 2,
                "partner": "p-1",
            }
        },
        target="r-fixer",
    ),
    Case(
        "upsertAction",
        "upsertAction",
        mutation("upsertAction", "ActionInput"),
        ADMIN,
        variables=lambda n: {
            "input": {
                "id": "a-info",
                "organization": "o-1",
                "key": "a-info",
                "kind": "INFORMATION",
                "cooldownDays": n + 1,
            }
        },
        target="a-info",
    ),
    Case(
        "recordTouchpoint",
        "recordTouchpoint",
        mutation("recordTouchpoint", "TouchpointInput"),
        WRITERS,
        variables=lambda n: {"input": touchpoint(n)},
        target="t-1",
    ),
    Case(
        "recordTouchpoint via another organization's partner",
        "recordTouchpoint",
        mutation("recordTouchpoint", "TouchpointInput"),
        ADMIN,
        variables=lambda n: {"input": touchpoint(n, "t-via", partner="p-3")},
        target="c-ada",
    ),
    Case(
        "recordSignal",
        "recordSignal",
        mutation("recordSignal", "SignalInput"),
        WRITERS,
        variables=lambda n: {
            "input": {
                "id": "s-1",
                "customer": "c-ada",
                "organization": "o-1",
                "kind": "REFERRAL",
                "at": AT,
                "weight": 1.0 + n / 10,
            }
        },
        target="s-1",
    ),
    Case(
        "setRoleStatus",
        "setRoleStatus",
        mutation("setRoleStatus", "RoleStatusInput"),
        WRITERS,
        variables=lambda n: {
            "input": {
                "customer": "c-ada",
                "role": "r-fixer",
                "status": "ACTIVE",
                "since": at(n),
            }
        },
        target="c-ada",
    ),
    Case(
        "recordAspiration",
        "recordAspiration",
        mutation("recordAspiration", "AspirationInput"),
        WRITERS,
        variables=lambda n: {
            "input": {
                "customer": "c-ben",
                "role": "r-teacher",
                "at": at(n),
                "clarity": 0.5,
                "motivation": 0.5,
                "ability": n / 10,
            }
        },
        target="c-ben",
    ),
    Case(
        "setContactPreferences",
        "setContactPreferences",
        mutation("setContactPreferences", "ContactPreferencesInput"),
        WRITERS,
        variables=lambda n: {
            "input": {
                "customer": "c-ada",
                "organization": "o-1",
                "at": at(n),
                "maxContactsPer30Days": n + 1,
            }
        },
        target=RELATIONSHIP,
    ),
    Case(
        "recordActionReceived",
        "recordActionReceived",
        mutation("recordActionReceived", "ActionReceivedInput"),
        WRITERS,
        variables=lambda n: {
            "input": {
                "customer": "c-ada",
                "action": "a-fix",
                "at": at(n),
                "outcome": "POSITIVE",
            }
        },
        target=RELATIONSHIP,
    ),
    Case(
        "recordEvents",
        "recordEvents",
        "mutation ($events: [EventInput!]!) { recordEvents(events: $events) "
        "{ written } }",
        WRITERS,
        variables=lambda n: {"events": [{"touchpoint": touchpoint(n)}]},
        target="t-1",
    ),
    Case(
        "recordEvents with a catalogue event",
        "recordEvents",
        "mutation ($events: [EventInput!]!) { recordEvents(events: $events) "
        "{ written } }",
        ADMIN,
        variables=lambda n: {
            "events": [
                {"touchpoint": touchpoint(n)},
                {"organization": {"id": "o-1", "name": f"Harbour Bikes {n}"}},
            ]
        },
        target="o-1",
    ),
    Case(
        "respondToStep",
        "respondToStep",
        "mutation ($action: ID!) { respondToStep(relationshipId: "
        f'"{RELATIONSHIP}", actionId: $action, response: REJECTED) {{ status }} }}',
        WRITERS,
        frozenset({"agent-of-o-2"}),
        target=RELATIONSHIP,
    ),
]
