"""`sir serve --workers 2`: two API processes share one embedded database.

The workers share nothing but the database, so under concurrent reads and
writes, both must answer, no request may fail, and the graph must hold
exactly what was written, once, even when two workers write the same new
customer at the same moment. Stopping the parent stops everything.
"""

from __future__ import annotations

import asyncio
import random
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from api.auth import TokenConfig, issue_token
from api.settings import Settings
from graph.embedded import free_port
from resolvers.permissions import Principal, Role
from tests.test_process import SIR, environment, wait_gone, wait_ready

REQUESTS = 200
CLIENTS = 16
CUSTOMERS = 40
SECRET = "workers-test-signing-key-0123456789abcdef"
RECORD = """
mutation ($events: [EventInput!]!) { recordEvents(events: $events) { written } }
"""
CUSTOMER = "query ($id: ID!) { customer(id: $id) { id relationships { id } } }"
STATS = "{ graphStats { organizations customers relationships touchpoints } }"


@dataclass
class Service:
    """A running `sir serve --workers 2` and where to reach it."""

    process: subprocess.Popen[str]
    data_dir: Path
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Load:
    """What the clients saw: failures, and the worker pids that answered."""

    failures: list[str] = field(default_factory=list)
    pids: set[int] = field(default_factory=set)


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    """Two workers on a fresh data folder; killed if a test leaves them."""
    data_dir, port, log = tmp_path / "data", free_port(), tmp_path / "service.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [*SIR, "serve", "--workers", "2"],
            env=environment(data_dir, port, SIR_AUTH_SECRET=SECRET),
            stdout=output,
            stderr=subprocess.STDOUT,
            text=True,
        )
    wait_ready(port, process)
    yield Service(process, data_dir, port, log)
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def admin_headers(data_dir: Path) -> dict[str, str]:
    """A bearer token signed with the workers' shared key."""
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, data_dir=data_dir, auth_secret=SECRET
    )
    principal = Principal(Role.ADMIN, "workers-test", None, None)
    token = issue_token(TokenConfig.from_settings(settings), principal)
    return {"Authorization": f"Bearer {token}"}


def touchpoint(number: int, customer: int) -> dict[str, Any]:
    """One touchpoint of a customer with organization o1."""
    at = datetime.now(UTC) - timedelta(days=number % 30)
    return {
        "touchpoint": {
            "id": f"t{number}",
            "customer": f"c{customer}",
            "organization": "o1",
            "channel": "EMAIL",
            "kind": "PURCHASE",
            "initiatedBy": "CUSTOMER",
            "at": at.isoformat(),
            "needs": [{"need": "SERVE", "fulfilment": 0.5}],
        }
    }


def write_events(number: int) -> list[dict[str, Any]]:
    """A customer (often one that another request writes too) and a touchpoint."""
    customer = number % CUSTOMERS
    return [
        {"customer": {"id": f"c{customer}", "name": f"Customer {customer}"}},
        touchpoint(number, customer),
    ]


async def request(client: httpx.AsyncClient, number: int, load: Load) -> None:
    """One request of the mix: a write, a read, or a health check."""
    if number % 10 == 0:
        # A new connection each time, so that both workers get to answer.
        response = await client.get("/health", headers={"Connection": "close"})
        load.pids.add(response.json()["pid"])
        return
    if number % 2 == 0:
        body = {"query": RECORD, "variables": {"events": write_events(number)}}
    else:
        variables = {"id": f"c{random.randrange(CUSTOMERS)}"}
        body = {"query": CUSTOMER, "variables": variables}
    response = await client.post("/graphql", json=body)
    if response.status_code != 200 or "errors" in response.json():
        load.failures.append(f"request {number}: {response.text[:300]}")


async def run_load(service: Service) -> Load:
    """REQUESTS requests from CLIENTS concurrent clients, in one mix."""
    load = Load()
    numbers = iter(range(1, REQUESTS + 1))
    headers = admin_headers(service.data_dir)
    async with httpx.AsyncClient(
        base_url=service.url, headers=headers, timeout=30
    ) as setup:
        response = await setup.post(
            "/graphql",
            json={"query": RECORD, "variables": {"events": [organization()]}},
        )
        assert "errors" not in response.json(), response.text

    async def client() -> None:
        async with httpx.AsyncClient(
            base_url=service.url, headers=headers, timeout=30
        ) as session:
            for number in numbers:
                await request(session, number, load)

    await asyncio.gather(*(client() for _ in range(CLIENTS)))
    return load


def organization() -> dict[str, Any]:
    """The one organization every touchpoint belongs to."""
    return {"organization": {"id": "o1", "name": "Harbour Bikes"}}


async def both_pids(service: Service, load: Load) -> None:
    """Ask /health on new connections until both workers have answered."""
    async with httpx.AsyncClient(base_url=service.url, timeout=10) as client:
        for _ in range(100):
            if len(load.pids) >= 2:
                return
            response = await client.get("/health", headers={"Connection": "close"})
            load.pids.add(response.json()["pid"])


async def graph_stats(service: Service) -> dict[str, int]:
    """What the graph holds, as read through the service."""
    async with httpx.AsyncClient(
        base_url=service.url, headers=admin_headers(service.data_dir), timeout=30
    ) as client:
        response = await client.post("/graphql", json={"query": STATS})
    stats: dict[str, int] = response.json()["data"]["graphStats"]
    return stats


def parent_of(pid: int) -> int:
    """The parent process id of a running process."""
    status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    line = next(line for line in status.splitlines() if line.startswith("PPid:"))
    return int(line.split()[1])


def running(pid: int) -> bool:
    """Whether a process with this id exists."""
    return Path(f"/proc/{pid}").exists()


async def test_two_workers_serve_mixed_load_on_one_database(
    service: Service,
) -> None:
    load = await run_load(service)
    await both_pids(service, load)

    assert load.failures == [], service.log.read_text(encoding="utf-8")[-2000:]
    assert len(load.pids) == 2
    assert {parent_of(pid) for pid in load.pids} == {service.process.pid}
    writes = [n for n in range(1, REQUESTS + 1) if n % 10 and n % 2 == 0]
    assert await graph_stats(service) == {
        "organizations": 1,
        "customers": len({n % CUSTOMERS for n in writes}),
        "relationships": len({n % CUSTOMERS for n in writes}),
        "touchpoints": len(writes),
    }


async def test_every_scrape_adds_up_the_metrics_of_all_workers(
    service: Service,
) -> None:
    load = await run_load(service)
    # The setup's write and every request of the mix but the health checks.
    posted = 1 + len([n for n in range(1, REQUESTS + 1) if n % 10])

    totals = []
    async with httpx.AsyncClient(base_url=service.url, timeout=10) as client:
        for _ in range(10):
            # A new connection each time, so that both workers answer some.
            response = await client.get("/metrics", headers={"Connection": "close"})
            totals.append(sum(requests_by_operation(response.text).values()))
    await both_pids(service, load)

    assert load.failures == []
    assert len(load.pids) == 2
    assert totals == [posted] * 10


def requests_by_operation(text: str) -> dict[str, float]:
    """`sir_graphql_requests_total` of a scrape, by operation."""
    return {
        sample.labels["operation"]: sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == "sir_graphql_requests_total"
    }


async def test_stopping_the_parent_stops_workers_and_database(
    service: Service,
) -> None:
    load = Load()
    await both_pids(service, load)

    service.process.send_signal(signal.SIGTERM)
    code = service.process.wait(timeout=30)

    assert code == 0
    assert wait_gone(service.data_dir) == []
    assert not [pid for pid in load.pids if running(pid)]


async def test_killing_the_parent_stops_workers_and_database(
    service: Service,
) -> None:
    load = Load()
    await both_pids(service, load)

    service.process.kill()
    service.process.wait(timeout=30)

    assert wait_gone(service.data_dir) == []
    assert wait_stopped(load.pids) == set()


def wait_stopped(pids: set[int], seconds: float = 20.0) -> set[int]:
    """Wait until none of these processes runs; return those still running."""
    deadline = time.monotonic() + seconds
    while any(running(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    return {pid for pid in pids if running(pid)}
