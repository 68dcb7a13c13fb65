"""The `sir` command as a person runs it: start, refuse, stop, bad settings."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from graph.embedded import free_port

SIR = [sys.executable, "-m", "api.cli"]
START_BOUND_SECONDS = 90.0
STOP_BOUND_SECONDS = 30.0


def environment(data_dir: Path, port: int, **extra: str) -> dict[str, str]:
    """The environment of a service on its own data folder and port."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SIR_")}
    env.update(SIR_DATA_DIR=str(data_dir), SIR_PORT=str(port), **extra)
    return env


def java_processes(data_dir: Path) -> list[int]:
    """Process ids of embedded servers that run on this data folder."""
    found = subprocess.run(
        ["pgrep", "-f", f"arcadedb.server.rootPath={data_dir.resolve()}"],
        capture_output=True,
        text=True,
        check=False,
    )
    return [int(pid) for pid in found.stdout.split()]


def wait_ready(port: int, process: subprocess.Popen[str]) -> None:
    """Poll /ready until the service answers 200, or fail with its output."""
    deadline = time.monotonic() + START_BOUND_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"service exited early: {process.communicate()}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/ready").status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    pytest.fail("service did not become ready")


def wait_gone(data_dir: Path) -> list[int]:
    """Wait until no embedded server runs on the folder; return any left."""
    deadline = time.monotonic() + STOP_BOUND_SECONDS
    while java_processes(data_dir) and time.monotonic() < deadline:
        time.sleep(0.2)
    return java_processes(data_dir)


@pytest.fixture
def service(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], Path, int]]:
    """A `sir serve` process on a fresh data folder, killed if a test leaves it."""
    data_dir, port = tmp_path / "data", free_port()
    process = subprocess.Popen(
        [*SIR, "serve"],
        env=environment(data_dir, port),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_ready(port, process)
    yield process, data_dir, port
    if process.poll() is None:
        process.kill()
        process.wait()


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_stopping_the_service_leaves_no_server_process(
    service: tuple[subprocess.Popen[str], Path, int], stop: signal.Signals
) -> None:
    process, data_dir, _ = service
    assert java_processes(data_dir)

    process.send_signal(stop)
    process.wait(timeout=STOP_BOUND_SECONDS)

    assert wait_gone(data_dir) == []


def test_service_answers_graphql_that_reaches_the_database(
    service: tuple[subprocess.Popen[str], Path, int],
) -> None:
    _, data_dir, port = service
    token = admin_token(data_dir, port)

    response = httpx.post(
        f"http://127.0.0.1:{port}/graphql",
        json={"query": "{ graphStats { customers } }"},
        headers={"Authorization": f"Bearer {token}"},
    )

    assert response.json() == {"data": {"graphStats": {"customers": 0}}}


def admin_token(data_dir: Path, port: int) -> str:
    """A token that `sir token` issues for the service on this data folder."""
    return subprocess.run(
        [*SIR, "token", "--role", "ADMIN"],
        env=environment(data_dir, port),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def test_a_restart_finds_the_data_written_before_it(
    service: tuple[subprocess.Popen[str], Path, int],
) -> None:
    process, data_dir, port = service
    headers = {"Authorization": f"Bearer {admin_token(data_dir, port)}"}
    written = httpx.post(
        f"http://127.0.0.1:{port}/graphql",
        json={
            "query": "mutation ($input: OrganizationInput!) "
            "{ upsertOrganization(input: $input) { ids } }",
            "variables": {"input": {"id": "org-kept", "name": "Kept"}},
        },
        headers=headers,
    )
    assert written.json() == {"data": {"upsertOrganization": {"ids": ["org-kept"]}}}
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=STOP_BOUND_SECONDS)
    assert wait_gone(data_dir) == []

    restarted = subprocess.Popen(
        [*SIR, "serve"],
        env=environment(data_dir, port),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        wait_ready(port, restarted)
        read = httpx.post(
            f"http://127.0.0.1:{port}/graphql",
            json={"query": '{ organization(id: "org-kept") { id name } }'},
            headers=headers,
        )
    finally:
        restarted.send_signal(signal.SIGTERM)
        restarted.wait(timeout=STOP_BOUND_SECONDS)

    assert read.json() == {"data": {"organization": {"id": "org-kept", "name": "Kept"}}}


def test_second_service_on_the_same_data_folder_is_refused(
    service: tuple[subprocess.Popen[str], Path, int],
) -> None:
    process, data_dir, _ = service

    second = subprocess.run(
        [*SIR, "serve"],
        env=environment(data_dir, free_port()),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert second.returncode == 1
    assert f"in use by process {process.pid}" in second.stderr
    assert len(java_processes(data_dir)) == 1


def test_password_file_is_readable_by_the_owner_only(
    service: tuple[subprocess.Popen[str], Path, int],
) -> None:
    _, data_dir, _ = service

    mode = (data_dir / "root-password").stat().st_mode & 0o777

    assert mode == 0o600


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SIR_PORT", "eighty"),
        ("SIR_PORT", "70000"),
        ("SIR_DATABASE_URI", "http://localhost:7474"),
        ("SIR_EMBEDDED_HEAP", "lots"),
        ("SIR_TRANSACTION_TIMEOUT", "-1"),
    ],
)
def test_a_wrong_setting_stops_start_up_with_one_line_naming_it(
    tmp_path: Path, name: str, value: str
) -> None:
    env = environment(tmp_path, 8000)
    env[name] = value

    result = subprocess.run(
        [*SIR, "serve"], env=env, capture_output=True, text=True, check=False
    )

    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert name in result.stderr
    assert repr(value) in result.stderr


def test_a_uri_without_a_password_is_refused(tmp_path: Path) -> None:
    env = environment(tmp_path, 8000, SIR_DATABASE_URI="neo4j://db.example:7687")

    result = subprocess.run(
        [*SIR, "migrate"], env=env, capture_output=True, text=True, check=False
    )

    assert result.returncode == 2
    assert "SIR_DATABASE_PASSWORD is required" in result.stderr
