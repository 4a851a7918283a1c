"""The header's engine switcher in a real browser: panel and engine page follow."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from .test_panel import changes, panel_row, refocus, set_item


def switch_engine(page, engine: str) -> None:
    """Open the header's engine menu, pick an engine (keeping the data), switch."""
    page.click("header .engine-menu summary")
    page.select_option("#lab-switcher-engine", engine)
    with page.expect_navigation():
        page.click(".lab-switcher button")


def panel_engine(page):
    return page.locator('#session-panel [data-field="engine"]')


def test_switching_engine_moves_panel_and_engine_page(page, problems):
    """From db to cache: the engine page, the panel and /panel/ all say cache."""
    set_item(page, "colour", '"green"')
    page.goto(reverse("engine_cache"))
    status = page.locator(".engine-status")
    expect(panel_engine(page)).to_have_text("db")
    expect(status).to_contain_text("You are on db, not cache")
    switch_engine(page, "cache")
    expect(page).to_have_url(reverse("engine_cache"))
    expect(panel_engine(page)).to_have_text("cache")
    expect(changes(page)).to_have_text(
        [
            "engine switched: db → cache",
            re.compile(r"^session key regenerated: \w{8}… → \w{8}…$"),
        ]
    )
    expect(status).to_have_text(re.compile(r"^You are on cache:"))
    stored = page.locator(".explanation .stored")
    expect(stored).to_have_attribute("data-engine", "cache")
    expect(stored).to_contain_text("green")
    expect(panel_row(page, "colour").locator("td").nth(1)).to_have_text('"green"')
    refocus(page)  # what /panel/ says, rendered by the panel's script
    expect(panel_engine(page)).to_have_text("cache")
    assert not problems


def test_switching_back_and_forth_keeps_the_data(page):
    """Through every engine and back to db, the data is carried each time."""
    set_item(page, "colour", '"green"')
    for engine in ("cache", "cached_db", "file", "signed_cookies", "user_db", "db"):
        switch_engine(page, engine)
        expect(panel_engine(page)).to_have_text(engine)
        expect(panel_row(page, "colour"), f"colour on {engine}").to_have_count(1)
