"""
The setting pages in a real browser: what Chromium does with the cookie Django
sent, and what the page's own script can read of it.
"""

import re

from django.urls import reverse
from playwright.sync_api import expect


def url(setting: str) -> str:
    """Return a setting's page: SESSION_COOKIE_AGE → /settings/session-cookie-age/."""
    return reverse(setting.lower())


def change(page, setting: str, value: str) -> None:
    """Use the setting page's control (the lab, for this visitor only)."""
    page.goto(url(setting))
    control = page.locator(
        ".setting-control [name]:not([type=hidden]):not([name=carry])"
    )
    if control.evaluate("element => element.tagName") == "SELECT":
        control.select_option(value)
    else:
        control.fill(value)
    with page.expect_navigation():
        page.click(".setting-control button")


def save_session(page) -> None:
    """Press the page's try-it: Django saves the session and sends its cookie."""
    with page.expect_navigation():
        page.click("form.try-it-form:not(.setting-control) button")


def save_in_browser(page, setting: str) -> None:
    """Open a setting page and press its try-it."""
    page.goto(url(setting))
    save_session(page)


def session_cookie(page) -> dict | None:
    """The browser's session cookie, if it kept one."""
    cookies = page.context.cookies()
    return next((c for c in cookies if c["name"] == "sessionid"), None)


def script_sees_session_cookie(page) -> bool:
    """Ask document.cookie, from the page itself, for the session cookie."""
    names = page.evaluate(
        "document.cookie.split(';').map((pair) => pair.trim().split('=')[0])"
    )
    return "sessionid" in names


def verdict(page):
    """What the page's own script (static/js/httponly.js) concluded."""
    return page.locator("#cookie-visibility .script-verdict")


def test_httponly_hides_the_session_cookie_from_scripts(page, problems):
    """By default (on), the browser has the cookie but scripts cannot read it."""
    page.goto(reverse("session_cookie_httponly"))
    save_session(page)
    expect(verdict(page)).to_have_attribute("data-visible", "false")
    session_cookies = [c for c in page.context.cookies() if c["name"] == "sessionid"]
    assert [cookie["httpOnly"] for cookie in session_cookies] == [True]
    assert script_sees_session_cookie(page) is False
    assert not problems


def test_turned_off_the_script_reads_it_and_on_again_it_cannot(page, problems):
    """Off: the page's script reads the session key; on again: it cannot."""
    change(page, "SESSION_COOKIE_HTTPONLY", "false")
    save_session(page)
    expect(verdict(page)).to_have_attribute("data-visible", "true")
    key = page.locator('#session-panel [data-field="session_key"] code')
    expect(key).to_have_text(re.compile(r"^\w{32}$"))
    assert script_sees_session_cookie(page) is True
    assert f"sessionid={key.inner_text()}" in page.evaluate("document.cookie")
    session_cookies = [c for c in page.context.cookies() if c["name"] == "sessionid"]
    assert [cookie["httpOnly"] for cookie in session_cookies] == [False]
    change(page, "SESSION_COOKIE_HTTPONLY", "true")
    save_session(page)
    expect(verdict(page)).to_have_attribute("data-visible", "false")
    assert script_sees_session_cookie(page) is False
    assert not problems


class TestInTheBrowser:
    def test_script_sees_the_cookie_only_without_httponly(self, page, problems):
        """The page's script reads the session cookie only once HttpOnly is off."""
        save_in_browser(page, "SESSION_COOKIE_HTTPONLY")
        expect(verdict(page)).to_have_attribute("data-visible", "false")
        expect(verdict(page)).to_contain_text("did send it")
        change(page, "SESSION_COOKIE_HTTPONLY", "false")
        save_in_browser(page, "SESSION_COOKIE_HTTPONLY")
        expect(verdict(page)).to_have_attribute("data-visible", "true")
        assert session_cookie(page)["httpOnly"] is False
        assert not problems

    def test_cookie_is_sent_only_under_its_path(self, page, problems):
        """With Path=/settings/ the browser sends the cookie there and nowhere else."""
        panel = page.locator("#session-panel")
        change(page, "SESSION_COOKIE_PATH", "/settings/")
        save_in_browser(page, "SESSION_COOKIE_PATH")
        assert session_cookie(page)["path"] == "/settings/"
        page.goto(reverse("get"))
        expect(panel).to_contain_text("your browser sent none")
        page.goto(url("SESSION_COOKIE_PATH"))
        sent = page.locator(".sent-cookies li")
        outside, inside = sent.nth(0), sent.nth(1)
        expect(outside.locator(".not-carried")).to_have_count(1)
        expect(outside).to_contain_text("no session there")
        expect(inside.locator(".carried")).to_have_count(1)
        expect(panel).not_to_contain_text("your browser sent none")
        assert not problems

    def test_samesite_none_needs_secure(self, page, problems):
        """Chromium drops SameSite=None without Secure; with Secure it stays."""
        change(page, "SESSION_COOKIE_SAMESITE", "None")
        save_in_browser(page, "SESSION_COOKIE_SAMESITE")
        expect(page.locator(".last-set-cookie")).to_contain_text("SameSite=None")
        assert session_cookie(page) is None
        change(page, "SESSION_COOKIE_SECURE", "true")
        save_in_browser(page, "SESSION_COOKIE_SAMESITE")
        cookie = session_cookie(page)
        assert (cookie["sameSite"], cookie["secure"]) == ("None", True)
        assert not problems

    def test_secure_cookie_on_plain_http(self, page, problems):
        """On http://127.0.0.1 Chromium keeps a Secure cookie and sends it back."""
        change(page, "SESSION_COOKIE_SECURE", "true")
        save_in_browser(page, "SESSION_COOKIE_SECURE")
        expect(page).to_have_url(re.compile(r"^http://127\.0\.0\.1:"))
        assert session_cookie(page)["secure"] is True
        save_in_browser(page, "SESSION_COOKIE_SECURE")
        expect(page.locator(".outcome")).to_contain_text("request.session['saves'] = 2")
        assert not problems

    def test_foreign_domain_cookie_is_dropped(self, page, problems, settings):
        """A cookie for .example.com, sent to 127.0.0.1, is thrown away: no session."""
        settings.SESSION_COOKIE_DOMAIN = ".example.com"
        save_in_browser(page, "SESSION_COOKIE_DOMAIN")
        expect(page.locator(".last-set-cookie")).to_contain_text("Domain=.example.com")
        assert session_cookie(page) is None
        save_in_browser(page, "SESSION_COOKIE_DOMAIN")
        expect(page.locator("#session-panel")).to_contain_text("your browser sent none")
        # The messages cookie takes SESSION_COOKIE_DOMAIN too: lost as well.
        expect(page.locator(".outcome")).to_have_count(0)
        assert not problems
