"""On a 390 px phone: the session bar, the panel as a sheet, tables as cards."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from sessions_demo import course

from .test_panel import set_item

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(page):
    page.set_viewport_size(PHONE)
    return page


def test_the_bar_sums_up_the_session_and_opens_the_panel(phone, problems):
    """The bar shows key, items and time left; it opens the panel over the page."""
    set_item(phone, "colour", '"green"')
    bar = phone.locator(".panel-bar")
    expect(bar).to_be_visible()
    expect(bar).to_be_in_viewport()
    key = next(c for c in phone.context.cookies() if c["name"] == "sessionid")
    expect(bar.locator('[data-bar="key"]')).to_have_text(key["value"][:8] + "…")
    expect(bar.locator('[data-bar="items"]')).to_have_text("1 item")
    expect(bar.locator('[data-bar="expires"]')).to_have_text("13 days 23 h left")
    bar.click()
    expect(bar).to_have_attribute("aria-expanded", "true")
    panel = phone.locator("#session-panel")
    expect(panel).to_be_in_viewport()
    expect(panel).to_be_focused()
    expect(panel.locator('tr[data-key="colour"]')).to_be_in_viewport()
    phone.keyboard.press("Escape")
    expect(bar).to_have_attribute("aria-expanded", "false")
    expect(bar).to_be_focused()
    expect(panel).not_to_be_in_viewport()
    assert not problems


def test_the_contents_link_opens_the_sheet_too(phone):
    """ "Your session ↓" opens the panel where the reader is, not far below."""
    phone.goto(reverse("setitem"))
    phone.click(".jump-to-panel")
    expect(phone.locator("#panel-column")).to_contain_class("sheet-open")
    expect(phone.locator("#session-panel")).to_be_in_viewport()


def test_no_bar_on_a_wide_screen(page):
    """At 1400 px the panel stands beside the lesson: no bar."""
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(reverse("setitem"))
    expect(page.locator(".panel-bar")).to_be_hidden()
    expect(page.locator("#session-panel")).to_be_in_viewport()


def test_tables_become_cards_with_their_column_names(phone):
    """The set-expiry table reads as cards: each value under its column's name."""
    phone.goto(reverse("set_expiry"))
    cell = phone.locator("table.facts tbody tr").first.locator("td").nth(2)
    expect(cell).to_have_attribute("data-label", "Cookie sent")
    expect(cell).to_have_css("display", "block")
    words = cell.evaluate("c => c.scrollWidth <= c.clientWidth")
    assert words is True


@pytest.mark.parametrize(
    "name", ["index", "setitem", "set_expiry", "engine_signed_cookies", "lab"]
)
def test_nothing_is_wider_than_the_phone(phone, name):
    """The page never scrolls sideways at 390 px, a signed cookie's included."""
    phone.request.get(reverse("set_session"))
    phone.goto(reverse(name))
    expect(phone.locator("main")).to_be_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]


def test_every_lesson_page_fits(phone):
    """No lesson page is wider than the phone."""
    for lesson in course.lessons():
        phone.goto(reverse(lesson.url_name))
        expect(phone.locator("main")).to_be_visible()
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], lesson.path
