"""Fixtures of the browser tests: one demo service and one Chromium per session.

The tests drive Chromium with Playwright's async API on pytest-asyncio's
session loop, the loop every other test of the suite runs on, so that the
browser tests run in the same `pytest` process as the rest.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.async_api import Browser, Page, async_playwright

from tests.e2e.service import (
    LAPTOP,
    DemoService,
    SetupError,
    launch_chromium,
    missing_prerequisite,
)

# Long enough for a cold page on a busy 2-core machine, short enough that a
# broken view fails fast.
TIMEOUT_MS = 10_000


@dataclass(frozen=True)
class Tokens:
    """Bearer tokens for the roles the tests sign in as, and their scope."""

    admin: str
    agent: str
    analyst: str
    partner: str
    other_partner: str
    organization: str
    partner_id: str
    other_partner_id: str


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoService]:
    """`sir serve --demo` on its own data folder and port, for the whole run."""
    yield from serving(DemoService(data_dir=tmp_path_factory.mktemp("e2e") / "data"))


def serving(service: DemoService) -> Iterator[DemoService]:
    """Run the service for a fixture; fail the tests with the reason it cannot."""
    problem = missing_prerequisite()
    if problem is not None:
        pytest.fail(problem, pytrace=False)
    try:
        service.start()
    except SetupError as error:
        pytest.fail(str(error), pytrace=False)
    try:
        yield service
    finally:
        service.stop()


@pytest.fixture(scope="session")
def tokens(demo: DemoService) -> Tokens:
    """Tokens of each role for the demo's first organization and its partners."""
    organization = "org-1"
    partner_id = f"{organization}-partner-1"
    other_partner_id = f"{organization}-partner-2"
    return Tokens(
        admin=demo.token("ADMIN"),
        agent=demo.token("AGENT", org=organization),
        analyst=demo.token("ANALYST", org=organization),
        partner=demo.token("PARTNER", partner=partner_id),
        other_partner=demo.token("PARTNER", partner=other_partner_id),
        organization=organization,
        partner_id=partner_id,
        other_partner_id=other_partner_id,
    )


@pytest.fixture(scope="session")
async def browser(demo: DemoService) -> AsyncIterator[Browser]:
    """Debian's Chromium, headless, started once, after the demo is up."""
    async with async_playwright() as driver:
        chromium = await launch_chromium(driver)
        yield chromium
        await chromium.close()


@pytest.fixture
async def page(browser: Browser) -> AsyncIterator[Page]:
    """A fresh tab with empty sessionStorage, so no test inherits a sign-in."""
    context = await browser.new_context(viewport=LAPTOP)
    context.set_default_timeout(TIMEOUT_MS)
    tab = await context.new_page()
    yield tab
    await context.close()


def first_customer(demo: DemoService, tokens: Tokens) -> dict[str, Any]:
    """The organization's customer of the highest goodwill: one with steps."""
    body = demo.gql(
        tokens.admin,
        """query ($org: ID) { customers(first: 1, organizationId: $org,
             orderBy: GOODWILL, direction: DESC) {
             edges { node { id name } } } }""",
        org=tokens.organization,
    )
    edges = body["data"]["customers"]["edges"]
    assert edges, f"the demo has no customer: {body}"
    node: dict[str, Any] = edges[0]["node"]
    return node
