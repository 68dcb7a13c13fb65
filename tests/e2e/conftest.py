"""Fixtures of the browser tests: one demo service and one Chromium per session."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import (
    Browser,
    Page,
    Playwright,
    ViewportSize,
    sync_playwright,
)

from tests.e2e.service import (
    DemoService,
    SetupError,
    launch_chromium,
    missing_prerequisite,
)

# Long enough for a cold page on a busy 2-core machine, short enough that a
# broken view fails fast.
TIMEOUT_MS = 10_000
VIEWPORT: ViewportSize = {"width": 1280, "height": 900}


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
    problem = missing_prerequisite()
    if problem is not None:
        pytest.fail(problem, pytrace=False)
    service = DemoService(data_dir=tmp_path_factory.mktemp("e2e") / "data")
    try:
        service.start()
    except SetupError as error:
        pytest.fail(str(error), pytrace=False)
    yield service
    service.stop()


@pytest.fixture(scope="session")
def tokens(demo: DemoService) -> Tokens:
    """Tokens of each role for the demo's first organization and its partners."""
    organization = "org-1"
    partner_id, other_partner_id = (
        f"{organization}-partner-1",
        f"{organization}-partner-2",
    )
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
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's Chromium, headless, started once."""
    chromium = launch_chromium(playwright)
    yield chromium
    chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh tab with empty sessionStorage, so no test inherits a sign-in."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    context.close()


def sign_in(page: Page, demo: DemoService, token: str) -> None:
    """Open the app and sign in with a token, by keyboard as a person might."""
    page.goto(demo.url + "/")
    page.get_by_label("Access token").fill(token)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Sign out").wait_for()


def first_customer(demo: DemoService, tokens: Tokens, **filters: Any) -> dict[str, Any]:
    """The first customer of the organization that the API lists."""
    body = demo.gql(
        tokens.admin,
        """query ($org: ID) { customers(first: 1, organizationId: $org) {
             edges { node { id name } } } }""",
        org=tokens.organization,
        **filters,
    )
    edges = body["data"]["customers"]["edges"]
    assert edges, f"the demo has no customer: {body}"
    node: dict[str, Any] = edges[0]["node"]
    return node
