"""The shape of the graph, as data: labels, properties and relationship types.

This is the one description of the graph that tools read: the Bloom
perspective is generated from it, and the tests check that the analysts'
guide names every label and type. The names are part of the public contract
(analysts' saved queries and Bloom perspectives depend on them); the
statements in `cypher/` must agree with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

PropertyType = Literal["string", "integer", "float", "boolean", "datetime", "list"]


@dataclass(frozen=True)
class Property:
    """One property of a node or relationship."""

    name: str
    type: PropertyType
    description: str
    optional: bool = False


@dataclass(frozen=True)
class Label:
    """A node label, with the property that names its nodes and its colour."""

    name: str
    description: str
    caption: str
    colour: str
    properties: tuple[Property, ...]


@dataclass(frozen=True)
class RelationshipType:
    """A relationship type between two labels; one type may join several pairs."""

    name: str
    start: str
    end: str
    description: str
    properties: tuple[Property, ...] = ()


def _id(thing: str) -> Property:
    return Property("id", "string", f"the {thing}'s id, given by the client; unique")


def _at(what: str) -> Property:
    return Property("at", "datetime", f"when {what}, in UTC")


# The figures of the State of the Relationship (docs/model.md explains
# them), as kept in each RelationshipState snapshot.
SNAPSHOT: tuple[Property, ...] = (
    Property("modelVersion", "string", "version of the SiR model that computed it"),
    Property("serve", "float", "fulfilment of the need to be served, 0..1"),
    Property("connect", "float", "fulfilment of the need to connect, 0..1"),
    Property("role", "float", "fulfilment of the need to explore a role, 0..1"),
    Property("goodwill", "float", "the goodwill ledger's balance, 0..100"),
    Property("tier", "string", "goodwill tier: LOW, MEDIUM or HIGH"),
    Property("gate", "string", "highest gate passed: CLIENT, CONNECTION, RESOURCE"),
    Property("type", "string", "TRANSACTIONAL, RELATIONAL, COLLABORATIVE or CO_OWNING"),
    Property("atRisk", "boolean", "goodwill falling or service below the gate"),
)

# The current state, on the Relationship node: the snapshot's figures and
# what explains them. Absent until the relationship is first profiled.
CURRENT_STATE: tuple[Property, ...] = (
    Property("stateAt", "datetime", "when the current state was computed"),
    *SNAPSHOT,
    Property("serveConfidence", "float", "how much evidence backs `serve`, 0..1"),
    Property("connectConfidence", "float", "how much evidence backs `connect`"),
    Property("roleConfidence", "float", "how much evidence backs `role`"),
    Property("relationshipQuality", "float", "from `connect` and goodwill, 0..1"),
    Property("goodwillTrend", "float", "change of goodwill since `trendSince`"),
    Property("serveTrend", "float", "change of `serve` since `trendSince`"),
    Property("connectTrend", "float", "change of `connect` since `trendSince`"),
    Property("roleTrend", "float", "change of `role` since `trendSince`"),
    Property("trendSince", "datetime", "the earlier state the trends compare with"),
    Property("explanationRules", "list", "the rules that fired, by key"),
    Property("explanation", "list", "the rules that fired, in words"),
    Property(
        "touchpointFeatures",
        "list",
        "what its touchpoints share with others': channel:, partner:, need: (met)",
    ),
)

# What the customer said about being contacted, on the Relationship node.
CONTACT_PREFERENCES: tuple[Property, ...] = (
    Property("preferencesAt", "datetime", "when the customer last said so"),
    Property("consentedChannels", "list", "channels the customer agreed to"),
    Property("optedOut", "boolean", "the customer wants no more contact"),
    Property("maxContactsPer30Days", "integer", "contact the customer accepts"),
    Property("preferredChannel", "string", "the channel the customer prefers"),
)


def _optional(properties: tuple[Property, ...]) -> tuple[Property, ...]:
    return tuple(
        Property(p.name, p.type, p.description, optional=True) for p in properties
    )


LABELS: tuple[Label, ...] = (
    Label(
        "Organization",
        "an organization whose customer relationships the graph holds",
        caption="name",
        colour="#1F4E79",
        properties=(_id("organization"), Property("name", "string", "its name")),
    ),
    Label(
        "Customer",
        "a person or company served by one or more organizations",
        caption="name",
        colour="#F2A93B",
        properties=(
            _id("customer"),
            Property("name", "string", "the customer's name (personal data)"),
            Property("email", "string", "e-mail address (personal data)", True),
            Property("createdAt", "datetime", "when the customer was first written"),
            Property("archetype", "string", "only on demo data: its persona", True),
        ),
    ),
    Label(
        "Relationship",
        "one customer with one organization, holding its current state",
        caption="id",
        colour="#C0392B",
        properties=(
            _id("relationship"),
            Property("since", "datetime", "first contact between the two"),
            *_optional(CURRENT_STATE),
            *_optional(CONTACT_PREFERENCES),
        ),
    ),
    Label(
        "Touchpoint",
        "one encounter between customer and organization",
        caption="kind",
        colour="#5DADE2",
        properties=(
            _id("touchpoint"),
            _at("it happened"),
            Property("channel", "string", "EMAIL, PHONE, CHAT, STORE, WEB, APP, ..."),
            Property("kind", "string", "what the encounter was, in the org's words"),
            Property("initiatedBy", "string", "CUSTOMER or ORGANIZATION"),
            Property("effort", "float", "the customer's effort, 0..1", True),
            Property("note", "string", "free text (may hold personal data)", True),
            Property("answered", "boolean", "whether the customer answered", True),
        ),
    ),
    Label(
        "Need",
        "one of the three generic needs: SERVE, CONNECT, ROLE",
        caption="key",
        colour="#8E44AD",
        properties=(Property("key", "string", "SERVE, CONNECT or ROLE; unique"),),
    ),
    Label(
        "GoodwillSignal",
        "something the customer did that deposits or withdraws goodwill",
        caption="kind",
        colour="#27AE60",
        properties=(
            _id("signal"),
            _at("it was given"),
            Property("kind", "string", "FEEDBACK, REFERRAL, OPT_OUT, ..."),
            Property("weight", "float", "how strong the signal is"),
        ),
    ),
    Label(
        "Role",
        "a role an organization offers its customers, on a ladder of rungs",
        caption="name",
        colour="#16A085",
        properties=(
            _id("role"),
            Property("key", "string", "the role's key within its organization"),
            Property("name", "string", "its name"),
            Property("rung", "integer", "its step on the role ladder, 1 = first"),
            Property("capacity", "integer", "how many may hold it at once", True),
        ),
    ),
    Label(
        "Partner",
        "a partner of an organization that customers can reach",
        caption="name",
        colour="#7F8C8D",
        properties=(_id("partner"), Property("name", "string", "its name")),
    ),
    Label(
        "Action",
        "a step in an organization's catalogue: a fix, an invitation, an ask",
        caption="key",
        colour="#D35400",
        properties=(
            _id("action"),
            Property("key", "string", "the action's key within its organization"),
            Property("kind", "string", "SERVICE_FIX, REFERRAL_REQUEST, ..."),
            Property("need", "string", "the need it serves: SERVE, CONNECT, ROLE"),
            Property("gate", "string", "the gate a relationship must have passed"),
            Property("goodwillCost", "float", "goodwill an ask withdraws"),
            Property("cooldownDays", "integer", "days before it may be repeated"),
            Property("channel", "string", "the channel it reaches customers by"),
        ),
    ),
    Label(
        "RelationshipState",
        "a snapshot of a relationship's state at one time",
        caption="tier",
        colour="#E8DAEF",
        properties=(_at("the state was computed"), *SNAPSHOT),
    ),
)

RELATIONSHIP_TYPES: tuple[RelationshipType, ...] = (
    RelationshipType("IN", "Customer", "Relationship", "the customer's side"),
    RelationshipType("WITH", "Relationship", "Organization", "the organization's"),
    RelationshipType("HAD", "Relationship", "Touchpoint", "an encounter"),
    RelationshipType(
        "ADDRESSED",
        "Touchpoint",
        "Need",
        "a need the encounter served, and how well",
        (Property("fulfilment", "float", "from -1 (failed) to 1 (fulfilled)"),),
    ),
    RelationshipType("VIA", "Touchpoint", "Partner", "went through a partner"),
    RelationshipType("SIGNALLED", "Relationship", "GoodwillSignal", "a signal"),
    RelationshipType("OFFERS", "Organization", "Role", "a role on offer"),
    RelationshipType("OFFERS", "Organization", "Action", "an action on offer"),
    RelationshipType(
        "PLAYS",
        "Customer",
        "Role",
        "the customer holds or explores the role",
        (
            Property("since", "datetime", "when the status was set"),
            Property("status", "string", "EXPLORING, ACTIVE or LAPSED"),
        ),
    ),
    RelationshipType(
        "ASPIRES_TO",
        "Customer",
        "Role",
        "the customer would like the role; readiness in 0..1",
        (
            _at("the customer said so"),
            Property("clarity", "float", "how clear the role is to the customer"),
            Property("motivation", "float", "how much the customer wants it"),
            Property("ability", "float", "how able the customer feels"),
        ),
    ),
    RelationshipType("HOSTS", "Partner", "Role", "the role is played at a partner"),
    RelationshipType(
        "PARTNERS_WITH", "Partner", "Organization", "the partnership itself"
    ),
    RelationshipType(
        "RECOMMENDED",
        "Relationship",
        "Action",
        "a next best step proposed by the service",
        (
            _at("it was proposed"),
            Property("rank", "integer", "its place among the proposals, 1 = best"),
            Property("score", "float", "expected goodwill uplift"),
            Property("version", "string", "the SiR-Intel version that ranked it"),
            Property("status", "string", "PROPOSED, ACCEPTED, REJECTED or COMPLETED"),
            Property("respondedAt", "datetime", "when it was answered", True),
        ),
    ),
    RelationshipType(
        "RECEIVED",
        "Relationship",
        "Action",
        "the action was carried out for this relationship",
        (
            _at("it was carried out"),
            Property("outcome", "string", "POSITIVE, NEUTRAL, NEGATIVE, NO_RESPONSE"),
        ),
    ),
    RelationshipType(
        "HAD_STATE", "Relationship", "RelationshipState", "one state in its history"
    ),
)


def label(name: str) -> Label:
    """The label called `name`; raises `KeyError` for an unknown one."""
    for candidate in LABELS:
        if candidate.name == name:
            return candidate
    raise KeyError(name)


def relationship_type_names() -> list[str]:
    """Every relationship type once, in the order of the model."""
    return list(dict.fromkeys(kind.name for kind in RELATIONSHIP_TYPES))
