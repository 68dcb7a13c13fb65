"""The production compose file is valid and wires the API to Neo4j."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_compose_file_wires_the_api_to_neo4j_through_settings() -> None:
    compose = shutil.which("docker-compose")
    if compose is None:
        pytest.fail("docker-compose is needed to validate docker-compose.yml.")
    env = {**os.environ, "NEO4J_PASSWORD": "compose-check"}

    result = subprocess.run(
        [compose, "config"], cwd=ROOT, env=env, capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr
    assert "SIR_DATABASE_URI: neo4j://neo4j:7687" in result.stdout
    assert "condition: service_healthy" in result.stdout


def test_compose_file_refuses_to_run_without_a_password() -> None:
    compose = shutil.which("docker-compose")
    if compose is None:
        pytest.fail("docker-compose is needed to validate docker-compose.yml.")
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_PASSWORD"}

    result = subprocess.run(
        [compose, "config"], cwd=ROOT, env=env, capture_output=True, text=True
    )

    assert result.returncode != 0
    assert "NEO4J_PASSWORD" in result.stderr
