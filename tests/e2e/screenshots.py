"""Screenshots of the web app's main views with the demo data, for the README.

Run from the repository root, after ./scripts/setup.sh:

    .venv/bin/python -m tests.e2e.screenshots [FOLDER]

It starts `sir serve --demo` on a throwaway data folder, signs in with tokens
from `sir token`, and writes PNG files to FOLDER (docs/screenshots).
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from playwright.async_api import Browser, Page, ViewportSize, async_playwright

from tests.e2e.service import (
    LAPTOP,
    PHONE,
    ROOT,
    DemoService,
    launch_chromium,
    missing_prerequisite,
    sign_in,
)

ORGANIZATION = "org-1"
PARTNER = f"{ORGANIZATION}-partner-1"
# What each view shows once it has drawn its data, so that no shot catches a
# view half loaded.
READY = {
    "customers": ".customers-table tbody tr",
    "profile": ".step",
    "dashboard": ".uplift-chart svg",
    "graph": ".graph-canvas[data-ready='true'] canvas",
    "partner-portal": ".partner-table tbody tr",
}


async def open_tab(browser: Browser, viewport: ViewportSize, scale: float = 1) -> Page:
    """A fresh tab of the given size."""
    context = await browser.new_context(viewport=viewport, device_scale_factor=scale)
    context.set_default_timeout(20_000)
    return await context.new_page()


async def settle(page: Page, ready: str | None) -> None:
    """Wait until the view shows its data and nothing is loading any more."""
    if ready:
        await page.locator(ready).first.wait_for()
    await page.wait_for_load_state("networkidle")
    await page.locator(".state-loading").first.wait_for(state="detached")
    # Charts size themselves to their box after the first paint.
    await page.wait_for_timeout(300)


def showcase_customer(service: DemoService, token: str) -> str:
    """The organization's customer of the highest goodwill: the fullest profile."""
    body = service.gql(
        token,
        """query ($org: ID) { customers(first: 1, organizationId: $org,
             orderBy: GOODWILL, direction: DESC) { edges { node { id } } } }""",
        org=ORGANIZATION,
    )
    return str(body["data"]["customers"]["edges"][0]["node"]["id"])


async def shoot(folder: Path, browser: Browser, service: DemoService) -> list[Path]:
    """Take every screenshot; return the files written."""
    agent = service.token("AGENT", org=ORGANIZATION)
    analyst = service.token("ANALYST", org=ORGANIZATION)
    partner = service.token("PARTNER", partner=PARTNER)
    customer = showcase_customer(service, agent)
    written: list[Path] = []

    async def save(page: Page, name: str, full_page: bool = False) -> None:
        await settle(page, READY.get(name.removesuffix("-phone")))
        path = folder / f"{name}.png"
        await page.screenshot(path=str(path), full_page=full_page)
        written.append(path)
        await page.context.close()

    page = await open_tab(browser, LAPTOP)
    await page.goto(service.url + "/")
    await save(page, "sign-in")

    views = [
        ("customers", agent, "#/customers", False),
        ("profile", agent, f"#/customers/{customer}", True),
        ("dashboard", analyst, f"#/organizations/{ORGANIZATION}", True),
        ("graph", agent, f"#/customers/{customer}/graph", False),
        ("partner-portal", partner, "#/partner", False),
    ]
    for name, token, route, full_page in views:
        page = await open_tab(browser, LAPTOP)
        await sign_in(page, service, token)
        await page.goto(f"{service.url}/{route}")
        await save(page, name, full_page)

    phone = await open_tab(browser, PHONE, scale=2)
    await sign_in(phone, service, agent)
    await phone.goto(f"{service.url}/#/customers/{customer}")
    await save(phone, "profile-phone", full_page=True)
    return written


async def take(folder: Path) -> list[Path]:
    """Start the demo, take the screenshots, stop the demo."""
    with tempfile.TemporaryDirectory(prefix="sir-shots-") as scratch:
        service = DemoService(data_dir=Path(scratch) / "data")
        service.start()
        try:
            async with async_playwright() as driver:
                browser = await launch_chromium(driver)
                written = await shoot(folder, browser, service)
                await browser.close()
        finally:
            service.stop()
    return written


def main(argv: list[str]) -> int:
    """Write the screenshots to the folder given, or docs/screenshots."""
    folder = Path(argv[0]) if argv else ROOT / "docs" / "screenshots"
    problem = missing_prerequisite()
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1
    folder.mkdir(parents=True, exist_ok=True)
    for path in asyncio.run(take(folder)):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
