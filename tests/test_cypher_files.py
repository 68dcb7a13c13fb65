"""Every `.cypher` file parses with Neo4j's own parser and runs where it must."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from graph.cypher import CYPHER_DIR, Queries

ROOT = Path(__file__).resolve().parent.parent
LINTER = ROOT / "tests" / "tools" / "lint_cypher.mjs"
ERROR = 1
UNDECLARED_PARAMETER = re.compile(r"^Parameter \$\w+ is not defined\.$")
HEADER = re.compile(r"^//")


def lint(paths: list[Path]) -> list[dict[str, object]]:
    """Run `lintCypherQuery` over the files and return its findings."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed to check Cypher with Neo4j's parser.")
    completed = subprocess.run(
        [node, str(LINTER), *map(str, paths)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    findings: list[dict[str, object]] = json.loads(completed.stdout)
    return findings


def test_every_cypher_file_parses_with_neo4js_parser() -> None:
    files = sorted(CYPHER_DIR.rglob("*.cypher"))

    findings = lint(files)

    errors = [
        f"{f['file']}:{f['line']}: {f['message']}"
        for f in findings
        if f["severity"] == ERROR and not UNDECLARED_PARAMETER.match(str(f["message"]))
    ]
    assert files, "no Cypher files found"
    assert errors == []


def test_the_linter_catches_an_undefined_variable(tmp_path: Path) -> None:
    broken = tmp_path / "broken.cypher"
    broken.write_text("MATCH (c:Customer {id: $id}) RETURN missing\n")

    findings = lint([broken])

    assert any("missing" in str(f["message"]) for f in findings)


@pytest.mark.parametrize("path", sorted(CYPHER_DIR.rglob("*.cypher")), ids=str)
def test_every_cypher_file_opens_with_a_header(path: Path) -> None:
    first_line = path.read_text(encoding="utf-8").splitlines()[0]

    assert HEADER.match(first_line), f"{path} has no header comment"


def test_statements_are_keyed_by_folder_and_file_name() -> None:
    statements = Queries()

    assert statements["system/ping"] == "RETURN 1 AS ok"
