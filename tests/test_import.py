"""`sir import`: JSON Lines events in batches, bad lines reported, re-runnable."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from api.commands_data import run_import
from api.settings import Settings
from graph.database import Database
from graph.importer import import_lines, read_lines
from graph.runtime import Graph
from tests.writes_support import counts, edges, node

SETUP = [
    {"type": "organization", "id": "org-1", "name": "Harbour Bikes"},
    {"type": "customer", "id": "c-1", "name": "Ada"},
]


def touchpoint(number: int, **change: Any) -> dict[str, Any]:
    """A touchpoint line of customer c-1 with organization org-1."""
    return {
        "type": "touchpoint",
        "id": f"t-{number}",
        "customer": "c-1",
        "organization": "org-1",
        "channel": "CHAT",
        "kind": "SUPPORT_REQUEST",
        "initiatedBy": "CUSTOMER",
        "at": "2024-05-01T10:00:00+00:00",
        "needs": [{"need": "SERVE", "fulfilment": 0.8}],
        **change,
    }


def write_lines(path: Path, events: list[Any]) -> Path:
    """A JSON Lines file of the events; strings are written as they are."""
    text = "\n".join(e if isinstance(e, str) else json.dumps(e) for e in events)
    path.write_text(text + "\n", encoding="utf-8")
    return path


async def test_an_import_writes_every_line(tmp_path: Path, database: Database) -> None:
    path = write_lines(tmp_path / "events.jsonl", [*SETUP, *map(touchpoint, range(5))])

    report = await import_lines(database, read_lines(path), batch_size=3)

    assert (report.lines, report.written, report.batches) == (7, 7, 3)
    assert report.ok
    assert (await counts(database))["Touchpoint"] == 5
    touchpoints = edges(await node(database, "c-1/org-1"), "HAD")
    assert len(touchpoints) == 5


async def test_an_import_run_twice_duplicates_nothing(
    tmp_path: Path, database: Database
) -> None:
    path = write_lines(tmp_path / "events.jsonl", [*SETUP, *map(touchpoint, range(5))])
    await import_lines(database, read_lines(path), batch_size=2)
    once = await counts(database)

    report = await import_lines(database, read_lines(path), batch_size=4)

    assert report.ok
    assert await counts(database) == once


async def test_bad_lines_are_reported_and_their_batch_is_not_written(
    tmp_path: Path, database: Database
) -> None:
    lines = [
        *SETUP,  # batch 1: lines 1-3
        touchpoint(1),
        touchpoint(2, needs=[{"need": "SERVE", "fulfilment": 3}]),  # batch 2: 4-6
        touchpoint(3),
        "{not json",
        touchpoint(4),  # batch 3: lines 7-8
        touchpoint(5),
    ]
    path = write_lines(tmp_path / "events.jsonl", lines)

    report = await import_lines(database, read_lines(path), batch_size=3)

    assert [p.line for p in report.problems] == [4, 6]
    assert report.problems[0].message.startswith('Line 4: Field "needs[0].fulfilment"')
    assert report.problems[1].message.startswith("Line 6 is not JSON")
    assert (report.written, report.skipped) == (5, 1)
    assert report.describe().startswith("Wrote 5 of 8 lines in 3 batches. 2 lines")
    assert (await counts(database))["Touchpoint"] == 3
    assert await node(database, "t-3") == {}


async def test_a_line_without_a_known_type_is_reported(
    tmp_path: Path, database: Database
) -> None:
    path = write_lines(tmp_path / "events.jsonl", [{"type": "gossip", "id": "g-1"}])

    report = await import_lines(database, read_lines(path), batch_size=10)

    assert report.problems[0].line == 1
    assert '"gossip" is not one of organization' in report.problems[0].message


@pytest.fixture
def cli_settings(settings: Settings, graph: Graph) -> Settings:
    """Settings that make the CLI reach the test session's running server."""
    assert graph.server is not None
    return settings.model_copy(
        update={
            "database_uri": graph.server.uri,
            "database_user": graph.server.user,
            "database_password": SecretStr(graph.server.password),
            "database_name": "sir",
        }
    )


async def test_the_import_command_prints_a_summary_and_fails_on_bad_lines(
    tmp_path: Path,
    database: Database,
    cli_settings: Settings,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = write_lines(tmp_path / "events.jsonl", [*SETUP, touchpoint(1, at="soon")])
    args = argparse.Namespace(file=str(path), batch_size=100)

    status = await run_import(cli_settings, args)

    output = capsys.readouterr()
    assert status == 1
    assert "Line 3: " in output.err
    assert "Wrote 0 of 3 lines in 1 batches." in output.out
    assert "Touchpoint" not in await counts(database)
