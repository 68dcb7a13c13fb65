"""`schema.graphql` is the schema in code, and the commands that write files."""

from __future__ import annotations

import argparse
import difflib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from api.cli import build_parser
from api.commands_analysts import (
    REGENERATE_SCHEMA,
    SCHEMA_FILE,
    print_bloom_perspective,
    print_schema,
    schema_sdl,
)
from api.settings import Settings
from graph.bloom import perspective_json

ROOT = Path(__file__).resolve().parent.parent


def test_schema_graphql_is_the_schema_in_code() -> None:
    path = ROOT / SCHEMA_FILE
    expected = schema_sdl()

    kept = path.read_text(encoding="utf-8") if path.exists() else ""

    if kept != expected:
        diff = difflib.unified_diff(
            kept.splitlines(), expected.splitlines(), SCHEMA_FILE, "code", lineterm=""
        )
        shown = "\n".join(list(diff)[:40])
        pytest.fail(
            f"{SCHEMA_FILE} differs from the schema in code; regenerate it with "
            f"`{REGENERATE_SCHEMA}` and commit it.\n{shown}"
        )


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["schema"], print_schema),
        (["schema", "--output", "s.graphql"], print_schema),
        (["bloom-perspective", "--output", "b.json"], print_bloom_perspective),
    ],
)
def test_the_commands_are_on_the_sir_command_line(
    argv: list[str], command: object
) -> None:
    args = build_parser().parse_args(argv)

    assert args.run is command


async def test_sir_schema_prints_the_sdl(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    code = await print_schema(settings, argparse.Namespace(output=None))

    assert code == 0
    assert capsys.readouterr().out == schema_sdl()


async def test_sir_schema_writes_the_sdl_to_a_file(
    settings: Settings, tmp_path: Path
) -> None:
    output = tmp_path / "schema.graphql"

    await print_schema(settings, argparse.Namespace(output=output))

    assert output.read_text(encoding="utf-8") == schema_sdl()


def test_sir_bloom_perspective_writes_a_json_file(tmp_path: Path) -> None:
    output = tmp_path / "perspective.json"
    command = [sys.executable, "-m", "api.cli", "bloom-perspective"]

    subprocess.run(
        [*command, "--output", str(output)], cwd=ROOT, check=True, timeout=60
    )

    assert output.read_text(encoding="utf-8") == perspective_json()
    assert json.loads(output.read_text(encoding="utf-8"))["templates"]
