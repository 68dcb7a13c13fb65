"""The web app as a person uses it: sign in, find, profile, act, partner portal."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Tokens, first_customer, sign_in
from tests.e2e.service import DemoService


def test_signing_in_by_keyboard_shows_the_customers(
    page: Page, demo: DemoService, tokens: Tokens
) -> None:
    page.goto(demo.url + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.type(tokens.agent)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Customers")).to_be_visible()
    expect(page.locator(".customers-table tbody tr").first).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_a_token_the_service_refuses_is_not_kept(
    page: Page, demo: DemoService, tokens: Tokens
) -> None:
    header, claims, _ = tokens.agent.split(".")
    forged = f"{header}.{claims}.bm90LXRoZS1zaWduYXR1cmU"

    page.goto(demo.url + "/")
    page.get_by_label("Access token").fill(forged)
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("alert")).to_contain_text("refused")
    assert page.evaluate("sessionStorage.getItem('sir.token')") is None


def test_signing_out_forgets_the_token(
    page: Page, demo: DemoService, tokens: Tokens
) -> None:
    sign_in(page, demo, tokens.analyst)

    page.get_by_role("button", name="Sign out").click()

    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert page.evaluate("sessionStorage.getItem('sir.token')") is None


def test_searching_by_name_finds_the_customer(
    page: Page, demo: DemoService, tokens: Tokens
) -> None:
    customer = first_customer(demo, tokens)
    sign_in(page, demo, tokens.agent)

    page.get_by_label("Name or id").fill(customer["name"])
    page.get_by_role("button", name="Search").click()

    expect(page).to_have_url(re.compile(r"q="))
    links = page.locator(".customer-link")
    expect(links.first).to_have_text(customer["name"])
    for name in links.all_inner_texts():
        assert customer["name"].lower() in name.lower()


def test_filters_and_pages_move_through_the_list(
    page: Page, demo: DemoService, tokens: Tokens
) -> None:
    sign_in(page, demo, tokens.agent)
    first_page = page.locator(".customer-link").all_inner_texts()

    page.get_by_role("button", name="Next page →").click()
    expect(page.get_by_role("status").first).to_contain_text("page 2")
    second_page = page.locator(".customer-link").all_inner_texts()
    page.get_by_label("Tier").select_option("HIGH")
    expect(page).to_have_url(re.compile(r"tier=HIGH"))

    assert first_page
    assert set(first_page).isdisjoint(second_page)
    expect(page.locator(".badge-tier").first).to_have_text(re.compile("High"))


def test_the_profile_shows_needs_goodwill_gate_and_why(
    page: Page, demo: DemoService, tokens: Tokens
) -> None:
    customer = first_customer(demo, tokens)
    sign_in(page, demo, tokens.agent)

    page.goto(f"{demo.url}/#/customers/{customer['id']}")

    expect(page.get_by_role("heading", name=customer["name"], level=1)).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("^Needs:"))).to_be_visible()
    expect(page.get_by_role("list", name="Gate ladder")).to_be_visible()
    expect(page.locator(".goodwill-chart, .goodwill-chart + *").first).to_be_visible()
    expect(page.locator(".explanation li").first).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("^Touchpoints"))).to_be_visible()


def test_accepting_a_step_updates_the_profile(
    page: Page, demo: DemoService, tokens: Tokens
) -> None:
    customer = first_customer(demo, tokens)
    sign_in(page, demo, tokens.agent)
    page.goto(f"{demo.url}/#/customers/{customer['id']}")
    step = page.locator(".step").first
    title = step.locator(".step-title").inner_text()

    step.get_by_role("button", name="Accept").click()

    expect(page.locator(".step-message")).to_contain_text(f"“{title}” accepted")
    expect(page.locator(".steps-panel [aria-busy='true']")).to_have_count(0)


def test_an_analyst_sees_steps_but_cannot_act(
    page: Page, demo: DemoService, tokens: Tokens
) -> None:
    customer = first_customer(demo, tokens)
    sign_in(page, demo, tokens.analyst)

    page.goto(f"{demo.url}/#/customers/{customer['id']}")

    expect(page.locator(".step").first).to_be_visible()
    expect(page.get_by_role("button", name="Accept")).to_have_count(0)


def test_the_dashboard_shows_tiers_risks_and_opportunities(
    page: Page, demo: DemoService, tokens: Tokens
) -> None:
    sign_in(page, demo, tokens.analyst)

    page.get_by_role("link", name="Dashboard").click()

    expect(page.get_by_role("heading", name="Goodwill tiers")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("^At-risk"))).to_be_visible()
    expect(
        page.get_by_role("heading", name=re.compile("^Co-ownership opportunities"))
    ).to_be_visible()
    expect(
        page.get_by_role("heading", name="Which actions build goodwill")
    ).to_be_visible()


def test_the_graph_view_draws_the_neighbourhood(
    page: Page, demo: DemoService, tokens: Tokens
) -> None:
    customer = first_customer(demo, tokens)
    sign_in(page, demo, tokens.agent)

    page.goto(f"{demo.url}/#/customers/{customer['id']}/graph")

    expect(
        page.locator(".graph-canvas[data-ready='true'] canvas").first
    ).to_be_attached()
    page.get_by_text("The graph as text").click()
    expect(page.locator(".graph-text tbody tr").first).to_contain_text(customer["name"])


def test_a_partner_sees_only_its_own_customers(
    page: Page, demo: DemoService, tokens: Tokens
) -> None:
    portal = "{ partnerPortal { customers { customer { id } } } }"
    own = demo.gql(tokens.partner, portal)["data"]["partnerPortal"]["customers"]
    other = demo.gql(tokens.other_partner, portal)["data"]["partnerPortal"]["customers"]
    own_ids = {c["customer"]["id"] for c in own}
    strangers = {c["customer"]["id"] for c in other} - own_ids

    sign_in(page, demo, tokens.partner)
    rows = page.locator(".partner-table tbody tr")
    expect(rows).to_have_count(len(own_ids))
    shown = rows.evaluate_all("rows => rows.map(row => row.dataset.customer)")

    assert own_ids, "the demo gives the partner customers"
    assert strangers, "the demo gives the other partner customers of its own"
    assert set(shown) == own_ids
    expect(page.get_by_role("link", name="Customers")).to_have_count(0)
    page.goto(demo.url + "/#/customers")
    expect(page.get_by_role("heading", name="Not here")).to_be_visible()
