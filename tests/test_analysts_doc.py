"""Every Cypher recipe of docs/analysts.md parses and runs on a known graph."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from graph.database import Database
from graph.model import LABELS, RELATIONSHIP_TYPES
from tests.test_bloom import create_example_graph, run_cypher
from tests.test_cypher_files import ERROR, UNDECLARED_PARAMETER, lint

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "analysts.md"
HEADING = re.compile(r"^### (.+)$")
PARAMETER = re.compile(r"\$(\w+)")

# The values analysts would set with `:param`, for the example graph.
PARAMETERS: dict[str, Any] = {
    "organization": "Acme",
    "relationship": "r-bob-acme",
    "partner": "Hub",
    "since": datetime(2025, 1, 1, tzinfo=UTC),
    "days": 30,
}


@dataclass(frozen=True)
class Recipe:
    """One fenced `cypher` block of the guide, under its `###` heading."""

    title: str
    text: str


def recipes(path: Path = GUIDE) -> list[Recipe]:
    """The guide's Cypher blocks, in order, each with the heading above it."""
    found: list[Recipe] = []
    title, block = "", None
    for line in path.read_text(encoding="utf-8").splitlines():
        if block is not None:
            if line.strip() == "```":
                found.append(Recipe(title, "\n".join(block)))
                block = None
            else:
                block.append(line)
        elif line.strip() == "```cypher":
            block = []
        elif match := HEADING.match(line):
            title = match.group(1)
    return found


def rounded(value: Any) -> Any:
    """Floats to 6 places, through lists and maps: sums of floats drift."""
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, list):
        return [rounded(item) for item in value]
    if isinstance(value, dict):
        return {key: rounded(item) for key, item in value.items()}
    return value


RECIPES = recipes()

# What some recipes return on the example graph of tests/test_bloom.py.
EXPECTED_ROWS: dict[str, list[dict[str, Any]]] = {
    "Relationships by gate and tier": [
        {"gate": "CLIENT", "tier": "LOW", "relationships": 1},
        {"gate": "CONNECTION", "tier": "MEDIUM", "relationships": 1},
        {"gate": "RESOURCE", "tier": "HIGH", "relationships": 1},
    ],
    "Customers at risk": [
        {"customer": "c-bob", "goodwill": 20.0, "gate": "CLIENT", "why": None},
        {"customer": "c-cleo", "goodwill": 45.0, "gate": "CONNECTION", "why": None},
    ],
    "Goodwill falls": [
        {
            "customer": "c-bob",
            "goodwillBefore": 60.0,
            "goodwillNow": 20.0,
            "change": -40.0,
        },
        {
            "customer": "c-cleo",
            "goodwillBefore": 55.0,
            "goodwillNow": 45.0,
            "change": -10.0,
        },
    ],
    "Need fulfilment by channel": [
        {
            "need": "CONNECT",
            "channel": "EMAIL",
            "touchpoints": 1,
            "meanFulfilment": 0.3,
        },
        {
            "need": "CONNECT",
            "channel": "STORE",
            "touchpoints": 1,
            "meanFulfilment": 0.6,
        },
        {"need": "SERVE", "channel": "PHONE", "touchpoints": 1, "meanFulfilment": -0.5},
        {"need": "SERVE", "channel": "STORE", "touchpoints": 1, "meanFulfilment": 0.9},
    ],
    "Goodwill around the actions received": [
        {
            "kind": "REFERRAL_REQUEST",
            "outcome": "POSITIVE",
            "received": 1,
            "meanGoodwillChange": 10.0,
        },
        {
            "kind": "SERVICE_FIX",
            "outcome": "POSITIVE",
            "received": 1,
            "meanGoodwillChange": -40.0,
        },
    ],
    "The role ladder": [
        {"rung": 2, "role": "Tester", "capacity": None, "active": 1},
        {"rung": 3, "role": "Ambassador", "capacity": 10, "active": 1},
    ],
    "Customers a partner meets": [
        {"customer": "c-ann", "touchpoints": 1, "roles": ["Ambassador"]},
        {"customer": "c-cleo", "touchpoints": 0, "roles": ["Ambassador"]},
    ],
}


def test_the_guide_has_a_recipe_for_each_heading() -> None:
    titles = [recipe.title for recipe in RECIPES]

    assert len(titles) >= 10
    assert len(set(titles)) == len(titles)
    assert set(EXPECTED_ROWS) <= set(titles)


def test_every_recipe_parses_with_neo4js_parser(tmp_path: Path) -> None:
    files = []
    for number, recipe in enumerate(RECIPES):
        path = tmp_path / f"recipe_{number:02d}.cypher"
        path.write_text(recipe.text + "\n", encoding="utf-8")
        files.append(path)

    findings = lint(files)

    errors = [
        f"{RECIPES[int(Path(str(f['file'])).stem[-2:])].title}: {f['message']}"
        for f in findings
        if f["severity"] == ERROR and not UNDECLARED_PARAMETER.match(str(f["message"]))
    ]
    assert errors == []


@pytest.mark.parametrize("recipe", RECIPES, ids=lambda r: r.title)
async def test_every_recipe_runs_on_the_example_graph(
    database: Database, recipe: Recipe
) -> None:
    await create_example_graph(database)
    used = set(PARAMETER.findall(recipe.text))
    assert used <= set(PARAMETERS), f"no example value for {used - set(PARAMETERS)}"

    rows = await run_cypher(
        database, recipe.text, **{k: v for k, v in PARAMETERS.items() if k in used}
    )

    assert rows, f"{recipe.title!r} found nothing in the example graph"
    if recipe.title in EXPECTED_ROWS:
        assert rounded(rows) == EXPECTED_ROWS[recipe.title]


@pytest.mark.parametrize(
    "name",
    [label.name for label in LABELS] + [kind.name for kind in RELATIONSHIP_TYPES],
)
def test_the_guide_names_every_label_and_relationship_type(name: str) -> None:
    text = GUIDE.read_text(encoding="utf-8")

    assert re.search(rf"\b{name}\b", text), f"docs/analysts.md never names {name}"


def test_the_guide_links_the_model_it_summarises() -> None:
    text = GUIDE.read_text(encoding="utf-8")

    assert "](model.md)" in text
    assert (GUIDE.parent / "model.md").exists()
