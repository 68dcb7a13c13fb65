"""A Neo4j Bloom perspective for analysts, generated from the graph model.

The perspective has one category per label (captioned by its naming property,
in its own colour), every relationship type, and search phrases whose Cypher
lives in `cypher/bloom/`. It follows the layout of the files that Bloom's
"Export perspective" writes, so that "Import perspective" reads it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Final

from graph.cypher import Queries, queries
from graph.model import LABELS, RELATIONSHIP_TYPES, Label, Property

PERSPECTIVE_NAME: Final = "SiR relationships"
PERSPECTIVE_ID: Final = "sir-relationships"
RELATIONSHIP_COLOUR: Final = "#848484"

# Bloom's names for the types of property and search-phrase parameter.
_BLOOM_TYPES: Final = {
    "string": "String",
    "integer": "Integer",
    "float": "Float",
    "boolean": "Boolean",
    "datetime": "DateTime",
    "list": "List",
}


@dataclass(frozen=True)
class PhraseParameter:
    """A `$parameter` of a search phrase, with where Bloom finds suggestions."""

    name: str
    type: str
    suggest_label: str | None = None
    suggest_property: str | None = None


@dataclass(frozen=True)
class SearchPhrase:
    """A phrase analysts type into Bloom, backed by one `cypher/bloom/` file."""

    statement: str
    text: str
    description: str
    parameters: tuple[PhraseParameter, ...]


def _named(label: str) -> PhraseParameter:
    return PhraseParameter(label.lower(), "string", label, "name")


SEARCH_PHRASES: Final = (
    SearchPhrase(
        "bloom/find_customers_at_risk",
        "Customers at risk in $organization",
        "Customers whose relationship with the organization is flagged at risk: "
        "goodwill falling, or service below the first gate.",
        (_named("Organization"),),
    ),
    SearchPhrase(
        "bloom/find_role_co_owners",
        "Co-owners of $role",
        "Customers who hold the role actively, with the organization offering it.",
        (_named("Role"),),
    ),
    SearchPhrase(
        "bloom/find_partner_routes",
        "How $customer reaches $partner",
        "Every way a customer meets a partner: touchpoints through it, roles it "
        "hosts, organizations it partners with.",
        (_named("Customer"), _named("Partner")),
    ),
    SearchPhrase(
        "bloom/find_goodwill_falls",
        "Goodwill falls in $organization over $days days",
        "The relationships whose goodwill fell most: the latest state against "
        "the latest one at least that many days older.",
        (_named("Organization"), PhraseParameter("days", "integer")),
    ),
)


def perspective(statements: Queries | None = None) -> dict[str, Any]:
    """The perspective as a JSON-ready dict, the same on every call."""
    texts = statements if statements is not None else queries()
    return {
        "name": PERSPECTIVE_NAME,
        "id": PERSPECTIVE_ID,
        "categories": [_category(n, label) for n, label in enumerate(LABELS, 1)],
        "categoryIndex": len(LABELS),
        "relationshipTypes": _relationship_types(),
        "hiddenRelationshipTypes": [],
        "hideUninstantiatedCategories": False,
        "palette": {
            "colors": [label.colour for label in LABELS],
            "currentIndex": len(LABELS),
        },
        "templates": [_template(phrase, texts) for phrase in SEARCH_PHRASES],
    }


def perspective_json(statements: Queries | None = None) -> str:
    """The perspective as the text of a file, ending in a newline."""
    return json.dumps(perspective(statements), indent=2) + "\n"


def _category(number: int, label: Label) -> dict[str, Any]:
    return {
        "id": number,
        "name": label.name,
        "labels": [label.name],
        "color": label.colour,
        "size": 1,
        "icon": "no-icon",
        "caption": [label.caption],
        "properties": [_property(p, caption=label.caption) for p in label.properties],
        "hiddenLabels": [],
        "textSize": 1,
        "styleRules": [],
    }


def _property(prop: Property, *, caption: str | None = None) -> dict[str, Any]:
    return {
        "name": prop.name,
        "dataType": _BLOOM_TYPES[prop.type],
        "exclude": False,
        "isCaption": prop.name == caption,
        "description": prop.description,
    }


def _relationship_types() -> list[dict[str, Any]]:
    merged: dict[str, list[Property]] = {}
    for kind in RELATIONSHIP_TYPES:
        known = merged.setdefault(kind.name, [])
        known.extend(p for p in kind.properties if p not in known)
    return [
        {
            "id": name,
            "name": name,
            "color": RELATIONSHIP_COLOUR,
            "width": 1,
            "properties": [_property(p) for p in properties],
            "styleRules": [],
        }
        for name, properties in merged.items()
    ]


def _template(phrase: SearchPhrase, statements: Queries) -> dict[str, Any]:
    return {
        "id": phrase.statement.removeprefix("bloom/"),
        "name": phrase.text,
        "text": phrase.text,
        "description": phrase.description,
        "cypher": statements[phrase.statement],
        "params": [
            {
                "name": f"${parameter.name}",
                "dataType": _BLOOM_TYPES[parameter.type],
                "suggestionLabel": parameter.suggest_label,
                "suggestionProp": parameter.suggest_property,
                "cypher": None,
            }
            for parameter in phrase.parameters
        ],
        "hasCypherErrors": False,
        "isUpdateQuery": False,
    }
