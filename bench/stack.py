"""The system under test at one graph size: seeded database, service, driver.

`sir seed` writes the graph on a fresh embedded database, as a user runs it.
Then the suite starts the embedded ArcadeDB server on that folder itself and
points two clients at it: the real service, `sir serve` in its own process
(so that its memory is its own and requests cross a real socket), and the
suite's own driver for the raw Cypher. The same server also serves the
service's in-process twin that `bench.capture` uses to learn which
statements a request runs.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import shutil
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from pydantic import SecretStr

from api.app import graph_config
from api.auth import TokenConfig, issue_token
from api.commands_profile import summarize
from api.settings import Settings
from graph.embedded import EmbeddedOptions, EmbeddedServer, free_port
from graph.runtime import Graph, open_graph
from resolvers.permissions import Principal, Role

SIR = [sys.executable, "-m", "api.cli"]
SEEDED = "bench-seeded.json"
DATABASE = "sir"
READY_SECONDS = 120.0


@dataclass(frozen=True)
class SeedPlan:
    """What `sir seed` writes: its options, all explicit."""

    customers: int
    organizations: int
    touchpoints: int
    seed: int = 2015

    def arguments(self) -> list[str]:
        """The options of `sir seed`."""
        return [
            "seed",
            f"--customers={self.customers}",
            f"--organizations={self.organizations}",
            f"--touchpoints-per-customer={self.touchpoints}",
            f"--seed={self.seed}",
        ]


@dataclass
class Stack:
    """A seeded database, the service on it, and the suite's own driver."""

    data_dir: Path
    server: EmbeddedServer
    service: subprocess.Popen[bytes]
    graph: Graph
    settings: Settings
    url: str
    seed_seconds: float | None
    # `sir summarize` over every organization, before the service starts.
    summary_seconds: float

    @property
    def headers(self) -> dict[str, str]:
        """An ADMIN bearer token the service accepts."""
        principal = Principal(Role.ADMIN, "bench", None, None)
        token = issue_token(TokenConfig.from_settings(self.settings), principal)
        return {"Authorization": f"Bearer {token}"}

    def environment(self) -> dict[str, str]:
        """The environment of a `sir` command that uses this database."""
        return command_environment(self.settings)

    def memory(self) -> dict[str, float | None]:
        """Resident memory in MB: the service now and at its peak, the database."""
        return {
            "service_rss_mb": rss_mb(self.service.pid, "VmRSS"),
            "service_peak_mb": rss_mb(self.service.pid, "VmHWM"),
            "database_rss_mb": rss_mb(self.server.pid, "VmRSS"),
        }


def command_environment(settings: Settings) -> dict[str, str]:
    """The environment of a `sir` process: this process's, with these settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SIR_")}
    password = settings.database_password
    secret = settings.auth_secret
    env.update(
        SIR_DATABASE_URI=settings.database_uri or "",
        SIR_DATABASE_USER=settings.database_user,
        SIR_DATABASE_PASSWORD=password.get_secret_value() if password else "",
        SIR_DATABASE_NAME=settings.database_name or DATABASE,
        SIR_AUTH_SECRET=secret.get_secret_value() if secret else "",
        SIR_TRANSACTION_TIMEOUT=str(settings.transaction_timeout),
        SIR_MIGRATE_ON_START="false",
        SIR_GRAPHIQL="false",
    )
    return env


def rss_mb(pid: int | None, field: str) -> float | None:
    """A memory figure of a running process from /proc, in MB."""
    if pid is None:
        return None
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return None


def seed(folder: Path, plan: SeedPlan, heap: str) -> float | None:
    """Run `sir seed` into `folder/seeded` unless done before; its seconds.

    The seeded database is kept as it is, and every run of the suite works on
    a fresh copy of it (`working_copy`), so that a repeated run measures the
    same graph as the first one instead of one grown by earlier runs' writes.
    """
    seeded = folder / "seeded"
    marker = folder / SEEDED
    if marker.exists():
        found = json.loads(marker.read_text())
        if found.get("plan") == plan.__dict__:
            seconds: float | None = found.get("seconds")
            return seconds
    if folder.exists() and any(folder.iterdir()):
        message = f"{folder} holds other data; give an empty or new folder."
        raise SystemExit(message)
    seeded.mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("SIR_")}
    env.update(
        SIR_DATA_DIR=str(seeded),
        SIR_EMBEDDED_HEAP=heap,
        SIR_TRANSACTION_TIMEOUT="600",
        SIR_LOG_LEVEL="WARNING",
    )
    started = time.perf_counter()
    subprocess.run([*SIR, *plan.arguments()], env=env, check=True)
    seconds = round(time.perf_counter() - started, 1)
    marker.write_text(json.dumps({"plan": plan.__dict__, "seconds": seconds}))
    return seconds


def working_copy(folder: Path) -> Path:
    """A fresh copy of the seeded database for one run, replacing the last one."""
    work = folder / "run"
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(folder / "seeded", work)
    return work


@asynccontextmanager
async def open_stack(folder: Path, plan: SeedPlan, heap: str) -> AsyncIterator[Stack]:
    """Seed, start the database and the service on a copy; stop both after."""
    seconds = seed(folder, plan, heap)
    data_dir = working_copy(folder)
    server = EmbeddedServer(
        EmbeddedOptions(data_dir=data_dir, database=DATABASE, heap=heap)
    )
    server.start()
    try:
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            data_dir=data_dir,
            database_uri=server.uri,
            database_user=server.user,
            database_password=SecretStr(server.password),
            database_name=DATABASE,
            auth_secret=SecretStr(secrets.token_urlsafe(48)),
            transaction_timeout=300,
        )
        async with open_graph(graph_config(settings)) as graph:
            started = time.perf_counter()
            print(f"  {await summarize(graph.database, None)}", flush=True)
            summarized = round(time.perf_counter() - started, 1)
            port = free_port()
            service = start_service(settings, port, data_dir / "service.log")
            try:
                url = f"http://127.0.0.1:{port}"
                await wait_ready(url, service)
                yield Stack(
                    data_dir, server, service, graph, settings, url, seconds,
                    summarized,
                )  # fmt: skip
            finally:
                stop(service)
    finally:
        server.stop()


def start_service(settings: Settings, port: int, log: Path) -> subprocess.Popen[bytes]:
    """`sir serve` on the database, its output in a log file."""
    env = command_environment(settings) | {"SIR_PORT": str(port)}
    with log.open("ab") as output:
        return subprocess.Popen(
            [*SIR, "serve"], env=env, stdout=output, stderr=subprocess.STDOUT
        )


async def wait_ready(url: str, service: subprocess.Popen[bytes]) -> None:
    """Poll /ready until the service answers, or stop with its exit code."""
    deadline = time.monotonic() + READY_SECONDS
    async with httpx.AsyncClient(base_url=url, timeout=5) as client:
        while time.monotonic() < deadline:
            if service.poll() is not None:
                raise SystemExit(f"sir serve exited with code {service.returncode}")
            try:
                if (await client.get("/ready")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.3)
    raise SystemExit(f"sir serve did not become ready within {READY_SECONDS:g} s")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a `sir` process with SIGTERM, and kill it if it lingers."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def machine() -> dict[str, Any]:
    """The machine the figures were measured on."""
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = rss_total_gb()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": memory,
        "python": sys.version.split()[0],
        "load_average_at_start": list(os.getloadavg()),
    }


def rss_total_gb() -> float | None:
    """The machine's memory in GB."""
    for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
        if line.startswith("MemTotal:"):
            return round(int(line.split()[1]) / 1024 / 1024, 1)
    return None
