"""The web app over organizations answered from their summaries.

A demo service of its own treats every organization as large
(`SIR_SUMMARY_FROM=1`) and looks for changes every second, so that the
dashboard, the customers page and the opportunities come from summaries,
and the app says how old they are.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from playwright.async_api import Page, expect

from tests.e2e.conftest import serving
from tests.e2e.service import DemoService, sign_in

AS_OF = '{ organization(id: "org-1") { dashboard { asOf } } }'


@pytest.fixture(scope="module")
def summarized(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoService]:
    """`sir serve --demo` whose organizations are served from summaries."""
    yield from serving(
        DemoService(
            data_dir=tmp_path_factory.mktemp("e2e-summaries") / "data",
            settings={"SIR_SUMMARY_FROM": "1", "SIR_SUMMARY_INTERVAL": "1"},
        )
    )


def wait_for_summary(service: DemoService, token: str) -> str:
    """The moment of org-1's summary, once the summarizer has computed it."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        body = service.gql(token, AS_OF)
        as_of: str | None = body["data"]["organization"]["dashboard"]["asOf"]
        if as_of is not None:
            return as_of
        time.sleep(0.5)
    raise AssertionError("org-1 got no summary within 60 s")


async def test_the_app_says_how_old_summarized_figures_are(
    page: Page, summarized: DemoService
) -> None:
    analyst = summarized.token("ANALYST", org="org-1")
    wait_for_summary(summarized, analyst)
    await sign_in(page, summarized, analyst)

    count = page.get_by_role("status")
    await expect(count).to_contain_text(re.compile(r"order and count as of \d"))

    await page.get_by_role("link", name="Dashboard").click()
    await expect(page.locator(".lead .as-of")).to_contain_text("Figures as of")
    await expect(page.locator(".board .card").first).to_be_visible()
    board = page.locator("[aria-labelledby=board-title]")
    await expect(board).to_contain_text(re.compile(r"As of \d"))
