"""Screenshots of the web app's main views with the demo data, for the README.

Run from the repository root, after ./scripts/setup.sh:

    .venv/bin/python -m tests.e2e.screenshots [FOLDER]

It starts `sir serve --demo` on a throwaway data folder, signs in with tokens
from `sir token`, and writes PNG files to FOLDER (docs/screenshots).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

from tests.e2e.service import (
    ROOT,
    DemoService,
    launch_chromium,
    missing_prerequisite,
)

LAPTOP: ViewportSize = {"width": 1280, "height": 860}
PHONE: ViewportSize = {"width": 390, "height": 844}
ORGANIZATION = "org-1"
PARTNER = f"{ORGANIZATION}-partner-1"


def open_tab(browser: Browser, viewport: ViewportSize, scale: float = 1) -> Page:
    """A fresh tab of the given size."""
    context = browser.new_context(viewport=viewport, device_scale_factor=scale)
    context.set_default_timeout(20_000)
    return context.new_page()


def sign_in(page: Page, service: DemoService, token: str) -> None:
    """Sign in with a token and wait for the first view."""
    page.goto(service.url + "/")
    page.get_by_label("Access token").fill(token)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Sign out").wait_for()


def settle(page: Page) -> None:
    """Wait until no view is loading any more."""
    page.wait_for_load_state("networkidle")
    page.locator(".state-loading").first.wait_for(state="detached")


def first_customer_id(service: DemoService, token: str) -> str:
    """A customer of the organization with steps to show: highest goodwill first."""
    body = service.gql(
        token,
        """query ($org: ID) { customers(first: 1, organizationId: $org,
             orderBy: GOODWILL_DESC) { edges { node { id } } } }""",
        org=ORGANIZATION,
    )
    return str(body["data"]["customers"]["edges"][0]["node"]["id"])


def shoot(folder: Path, browser: Browser, service: DemoService) -> list[Path]:
    """Take every screenshot; return the files written."""
    agent = service.token("AGENT", org=ORGANIZATION)
    analyst = service.token("ANALYST", org=ORGANIZATION)
    partner = service.token("PARTNER", partner=PARTNER)
    customer = first_customer_id(service, agent)
    written: list[Path] = []

    def save(page: Page, name: str, full_page: bool = False) -> None:
        settle(page)
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        written.append(path)

    page = open_tab(browser, LAPTOP)
    page.goto(service.url + "/")
    save(page, "sign-in")

    views = [
        ("customers", agent, "#/customers", False),
        ("profile", agent, f"#/customers/{customer}", True),
        ("dashboard", analyst, f"#/organizations/{ORGANIZATION}", True),
        ("graph", agent, f"#/customers/{customer}/graph", False),
        ("partner-portal", partner, "#/partner", False),
    ]
    for name, token, route, full_page in views:
        page = open_tab(browser, LAPTOP)
        sign_in(page, service, token)
        page.goto(f"{service.url}/{route}")
        save(page, name, full_page)

    phone = open_tab(browser, PHONE, scale=2)
    sign_in(phone, service, agent)
    phone.goto(f"{service.url}/#/customers/{customer}")
    save(phone, "profile-phone", full_page=True)
    return written


def main(argv: list[str]) -> int:
    """Start the demo, take the screenshots, stop the demo."""
    folder = Path(argv[0]) if argv else ROOT / "docs" / "screenshots"
    problem = missing_prerequisite()
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sir-shots-") as scratch:
        service = DemoService(data_dir=Path(scratch) / "data")
        service.start()
        try:
            with sync_playwright() as driver:
                browser = launch_chromium(driver)
                written = shoot(folder, browser, service)
                browser.close()
        finally:
            service.stop()
    for path in written:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
