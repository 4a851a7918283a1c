"""
The panel shows what this very response set, checked against the cookie the
browser holds: also when SESSION_SAVE_EVERY_REQUEST saves on every page, and
when the cookie is a 4 KB signed_cookies session, folded. And its reset.
"""

import json

from django.urls import reverse
from playwright.sync_api import expect

from sessions_demo.lab.engines import engine_path

from .test_panel import set_item


def browser_cookie(page) -> dict:
    return next(c for c in page.context.cookies() if c["name"] == "sessionid")


def handed_snapshot(page) -> dict:
    return json.loads(page.locator("script#session-snapshot").text_content())


def test_save_every_request_panel_matches_the_browsers_cookie(page, settings):
    """Seconds later, a reload's panel shows the expiry of the cookie it just set."""
    settings.SESSION_SAVE_EVERY_REQUEST = True
    set_item(page, "colour", '"green"')
    first = browser_cookie(page)["expires"]
    # Not a wait for the page: time has to pass, so that the new save's expiry
    # differs from the previous one by whole seconds.
    page.wait_for_timeout(2_100)
    page.goto(reverse("get"))
    expect(page.locator('#session-panel [data-field="response"]')).to_contain_text(
        "its response set the cookie"
    )
    held = browser_cookie(page)["expires"]
    assert held - first >= 2  # this response set a later cookie
    shown = handed_snapshot(page)["expiry_date"]
    moment = page.evaluate("iso => Date.parse(iso) / 1000", shown)
    assert abs(moment - held) <= 1


def test_signed_cookie_shown_is_the_one_the_browser_holds(page, settings):
    """signed_cookies, saved on every request: the panel's key is the browser's."""
    settings.SESSION_ENGINE = engine_path("signed_cookies")
    settings.SESSION_SAVE_EVERY_REQUEST = True
    set_item(page, "colour", '"green"')
    page.wait_for_timeout(1_100)  # a new second: a new timestamp, a new cookie
    before = browser_cookie(page)["value"]
    page.goto(reverse("get"))
    held = browser_cookie(page)["value"]
    assert held != before
    key = page.locator('#session-panel [data-field="session_key"] code.key')
    expect(key).to_have_text(held)


def test_a_long_signed_cookie_is_folded(page, settings):
    """A 2 KB signed cookie shows its start; the whole value unfolds on demand."""
    settings.SESSION_ENGINE = engine_path("signed_cookies")
    page.goto(reverse("engine_signed_cookies"))
    page.fill("#id_characters", "2000")
    with page.expect_navigation():
        page.click(".try-it-form button")
    field = page.locator('#session-panel [data-field="session_key"]')
    fold = field.locator("details.fold")
    expect(fold).not_to_have_attribute("open", "")
    expect(fold.locator("summary")).to_contain_text("characters, folded")
    expect(field.locator("code.key")).to_be_hidden()
    fold.locator("summary").click()
    expect(field.locator("code.key")).to_have_text(browser_cookie(page)["value"])
    exchange = page.locator("#http-exchange details.fold").first
    expect(exchange).to_be_attached()


def test_reset_flushes_and_says_so(page, problems):
    """ "Reset my session" empties the session, drops the cookie, and says so."""
    set_item(page, "colour", '"green"')
    with page.expect_navigation():
        page.click("#session-panel .panel-reset button")
    expect(page).to_have_url(reverse("setitem") + "#session-panel")
    expect(page.locator("#session-panel .panel-notice")).to_contain_text(
        "Your session was reset"
    )
    expect(page.locator('#session-panel [data-field="session_key"]')).to_contain_text(
        "no session yet"
    )
    assert [c for c in page.context.cookies() if c["name"] == "sessionid"] == []
    assert not problems


def test_other_cookies_are_folded_in_the_exchange(page):
    """The HTTP exchange shows the session cookie; the others are one click away."""
    set_item(page, "colour", '"green"')
    page.goto(reverse("get"))
    entry = page.locator("#http-exchange .exchange-entry").first
    others = entry.locator("details.other-cookies").first
    expect(others).not_to_have_attribute("open", "")
    expect(others.locator("summary")).to_contain_text("course_visitor")
    expect(others.locator("pre")).to_be_hidden()
    expect(entry.locator(".header-value.session-cookie").first).to_contain_text(
        "sessionid="
    )
