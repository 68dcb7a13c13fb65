"""The web app as a person uses it: sign in, find, profile, act, partner portal."""

from __future__ import annotations

import re

from playwright.async_api import Browser, Page, expect

from tests.e2e.conftest import Tokens, first_customer
from tests.e2e.service import PHONE, DemoService, sign_in

# Names repeat in the demo; the links' targets name each customer by id.
HREFS = "links => links.map(link => link.getAttribute('href'))"
PORTAL = "{ partnerPortal { customers(first: 100) { edges { node { id } } } } }"


def portal_ids(demo: DemoService, token: str) -> set[str]:
    """The ids of the customers the API shows a partner, read without the app."""
    body = demo.gql(token, PORTAL)
    edges = body["data"]["partnerPortal"]["customers"]["edges"]
    return {edge["node"]["id"] for edge in edges}


async def test_signing_in_by_keyboard_shows_the_customers(
    page: Page, demo: DemoService, tokens: Tokens
) -> None:
    await page.goto(demo.url + "/")
    await expect(page.get_by_label("Access token")).to_be_focused()
    await page.keyboard.insert_text(tokens.agent)
    await page.keyboard.press("Tab")
    await page.keyboard.press("Enter")

    await expect(page.get_by_role("heading", name="Customers")).to_be_visible()
    await expect(page.locator(".customers-table tbody tr").first).to_be_visible()
    await expect(page.get_by_role("button", name="Sign out")).to_be_visible()


async def test_a_token_the_service_refuses_is_not_kept(
    page: Page, demo: DemoService, tokens: Tokens
) -> None:
    header, claims, _ = tokens.agent.split(".")
    forged = f"{header}.{claims}.bm90LXRoZS1zaWduYXR1cmU"

    await page.goto(demo.url + "/")
    await page.get_by_label("Access token").fill(forged)
    await page.get_by_role("button", name="Sign in").click()

    await expect(page.get_by_role("alert")).to_contain_text("refused")
    assert await page.evaluate("sessionStorage.getItem('sir.token')") is None


async def test_signing_out_forgets_the_token(
    page: Page, demo: DemoService, tokens: Tokens
) -> None:
    await sign_in(page, demo, tokens.analyst)

    await page.get_by_role("button", name="Sign out").click()

    await expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert await page.evaluate("sessionStorage.getItem('sir.token')") is None


async def test_searching_by_name_finds_the_customer(
    page: Page, demo: DemoService, tokens: Tokens
) -> None:
    customer = first_customer(demo, tokens)
    await sign_in(page, demo, tokens.agent)

    await page.get_by_label("Name or id").fill(customer["name"])
    await page.get_by_role("button", name="Search").click()

    await expect(page).to_have_url(re.compile(r"q="))
    links = page.locator(".customers-table .customer-link")
    await expect(links.first).to_have_text(customer["name"])
    for name in await links.all_inner_texts():
        assert customer["name"].lower() in name.lower()


async def test_searching_by_id_offers_that_customer(
    page: Page, demo: DemoService, tokens: Tokens
) -> None:
    customer = first_customer(demo, tokens)
    await sign_in(page, demo, tokens.agent)

    await page.get_by_label("Name or id").fill(customer["id"])
    await page.keyboard.press("Enter")

    match = page.locator(".id-match .customer-link")
    await expect(match).to_have_text(customer["name"])
    await match.click()
    await expect(
        page.get_by_role("heading", name=customer["name"], level=1)
    ).to_be_visible()


async def test_filters_and_pages_move_through_the_list(
    page: Page, demo: DemoService, tokens: Tokens
) -> None:
    await sign_in(page, demo, tokens.agent)
    links = page.locator(".customers-table .customer-link")
    await expect(links.first).to_be_visible()
    first_page = await links.evaluate_all(HREFS)

    await page.get_by_role("button", name="Next page →").click()
    await expect(page.locator(".result-count")).to_contain_text("page 2")
    await expect(links.first).not_to_have_attribute("href", first_page[0])
    second_page = await links.evaluate_all(HREFS)
    await page.get_by_label("Tier").select_option("HIGH")
    await expect(page).to_have_url(re.compile(r"tier=HIGH"))
    await expect(page.locator(".result-count")).not_to_contain_text("page 2")
    # The rows of the last page stay on screen, marked busy, until the new
    # page arrives.
    await expect(page.locator(".results")).to_have_attribute("aria-busy", "false")
    badges = page.locator(".customers-table .badge-tier")
    await expect(badges.filter(has_not_text="High")).to_have_count(0)
    tiers = await badges.all_inner_texts()

    assert set(first_page).isdisjoint(second_page)
    assert tiers
    assert all("High" in tier for tier in tiers), tiers


async def test_the_profile_shows_needs_goodwill_gate_and_why(
    page: Page, demo: DemoService, tokens: Tokens
) -> None:
    customer = first_customer(demo, tokens)
    await sign_in(page, demo, tokens.agent)

    await page.goto(f"{demo.url}/#/customers/{customer['id']}")

    heading = page.get_by_role("heading", name=customer["name"], level=1)
    await expect(heading).to_be_visible()
    await expect(page.get_by_role("img", name=re.compile("^Needs:"))).to_be_visible()
    await expect(page.get_by_role("list", name="Gate ladder")).to_be_visible()
    goodwill = page.get_by_role("img", name=re.compile("^Goodwill over time"))
    await expect(goodwill).to_be_visible()
    await expect(page.locator(".explanation li").first).to_be_visible()
    touchpoints = page.get_by_role("heading", name=re.compile("^Touchpoints"))
    await expect(touchpoints).to_be_visible()


async def test_accepting_a_step_updates_the_profile(
    page: Page, demo: DemoService, tokens: Tokens
) -> None:
    customer = first_customer(demo, tokens)
    await sign_in(page, demo, tokens.agent)
    await page.goto(f"{demo.url}/#/customers/{customer['id']}")
    proposed = page.locator(".step:not([data-status='ACCEPTED'])").first
    action = await proposed.get_attribute("data-action")
    title = (await proposed.locator(".step-name").inner_text()).strip()

    await proposed.get_by_role("button", name="Accept").click()

    step = page.locator(f".step[data-action='{action}']")
    message = page.locator(".step-message")
    await expect(message).to_contain_text(f"“{title}” accepted")
    await expect(step).to_have_attribute("data-status", "ACCEPTED")
    await expect(step.locator(".chip-step-accepted")).to_have_text("Accepted")
    await expect(step.get_by_role("button", name="Accept")).to_have_count(0)


async def test_an_analyst_sees_steps_but_cannot_act(
    page: Page, demo: DemoService, tokens: Tokens
) -> None:
    customer = first_customer(demo, tokens)
    await sign_in(page, demo, tokens.analyst)

    await page.goto(f"{demo.url}/#/customers/{customer['id']}")

    await expect(page.locator(".step").first).to_be_visible()
    await expect(page.get_by_role("button", name="Accept")).to_have_count(0)


async def test_a_customer_out_of_reach_shows_a_clear_empty_state(
    page: Page, demo: DemoService, tokens: Tokens
) -> None:
    await sign_in(page, demo, tokens.agent)

    await page.goto(f"{demo.url}/#/customers/no-such-customer")

    await expect(page.get_by_role("heading", name="No such customer")).to_be_visible()
    await expect(page.get_by_text("no-such-customer")).to_be_visible()


async def test_the_dashboard_shows_tiers_risks_and_opportunities(
    page: Page, demo: DemoService, tokens: Tokens
) -> None:
    await sign_in(page, demo, tokens.analyst)

    await page.get_by_role("link", name="Dashboard").click()

    for name in ("Goodwill tiers", "Gates passed", "Relationship types"):
        await expect(page.get_by_role("heading", name=name)).to_be_visible()
    risk = page.get_by_role("heading", name=re.compile("^At-risk"))
    await expect(risk).to_be_visible()
    await expect(page.locator(".board .card").first).to_be_visible()
    chart = page.get_by_role("img", name=re.compile("^Goodwill uplift per action"))
    await expect(chart).to_be_visible()


async def test_the_graph_view_draws_the_neighbourhood(
    page: Page, demo: DemoService, tokens: Tokens
) -> None:
    customer = first_customer(demo, tokens)
    await sign_in(page, demo, tokens.agent)

    await page.goto(f"{demo.url}/#/customers/{customer['id']}/graph")

    canvas = page.locator(".graph-canvas[data-ready='true'] canvas").first
    await expect(canvas).to_be_attached()
    await page.get_by_text("The graph as text").click()
    rows = page.locator(".graph-text tbody tr")
    await expect(rows.first).to_contain_text(customer["name"])


async def test_a_partner_sees_only_its_own_customers(
    page: Page, demo: DemoService, tokens: Tokens
) -> None:
    own = portal_ids(demo, tokens.partner)
    strangers = portal_ids(demo, tokens.other_partner) - own

    await sign_in(page, demo, tokens.partner)
    rows = page.locator(".partner-table tbody tr")
    await expect(rows.first).to_be_visible()
    shown = await rows.evaluate_all("rows => rows.map(row => row.dataset.customer)")

    assert own, "the demo gives the partner customers"
    assert strangers, "the demo gives the other partner customers of its own"
    assert set(shown) == own
    await expect(page.get_by_role("link", name="Customers")).to_have_count(0)
    await page.goto(demo.url + "/#/customers")
    await expect(page.get_by_role("heading", name="Not here")).to_be_visible()


async def test_the_profile_fits_a_phone_screen(
    browser: Browser, demo: DemoService, tokens: Tokens
) -> None:
    customer = first_customer(demo, tokens)
    context = await browser.new_context(viewport=PHONE)
    phone = await context.new_page()
    await sign_in(phone, demo, tokens.agent)

    await phone.goto(f"{demo.url}/#/customers/{customer['id']}")
    await expect(phone.locator(".step").first).to_be_visible()
    overflow = await phone.evaluate(
        "document.documentElement.scrollWidth - window.innerWidth"
    )
    await context.close()

    assert overflow <= 0, f"the page is {overflow} px wider than the phone"
