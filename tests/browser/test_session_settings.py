"""
The setting pages in a real browser: what Chromium does with the cookie Django
sent, and what the page's own script can read of it.
"""

from django.urls import reverse


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


def verdict(page) -> str:
    """What the page's own script (static/js/httponly.js) concluded."""
    return page.locator("#cookie-visibility .script-verdict").get_attribute(
        "data-visible"
    )


def test_httponly_hides_the_session_cookie_from_scripts(page, problems):
    """By default (on), the browser has the cookie but scripts cannot read it."""
    page.goto(reverse("session_cookie_httponly"))
    save_session(page)
    session_cookies = [c for c in page.context.cookies() if c["name"] == "sessionid"]
    assert [cookie["httpOnly"] for cookie in session_cookies] == [True]
    assert script_sees_session_cookie(page) is False
    assert verdict(page) == "false"
    assert not problems


def test_turned_off_the_script_reads_it_and_on_again_it_cannot(page, problems):
    """Off: the page's script reads the session key; on again: it cannot."""
    change(page, "SESSION_COOKIE_HTTPONLY", "false")
    save_session(page)
    key = page.locator('#session-panel [data-field="session_key"] code').inner_text()
    assert script_sees_session_cookie(page) is True
    assert verdict(page) == "true"
    assert f"sessionid={key}" in page.evaluate("document.cookie")
    session_cookies = [c for c in page.context.cookies() if c["name"] == "sessionid"]
    assert [cookie["httpOnly"] for cookie in session_cookies] == [False]
    change(page, "SESSION_COOKIE_HTTPONLY", "true")
    save_session(page)
    assert script_sees_session_cookie(page) is False
    assert verdict(page) == "false"
    assert not problems


class TestInTheBrowser:
    def test_script_sees_the_cookie_only_without_httponly(self, page, problems):
        """The page's script reads the session cookie only once HttpOnly is off."""
        save_in_browser(page, "SESSION_COOKIE_HTTPONLY")
        verdict = page.locator(".script-verdict")
        assert verdict.get_attribute("data-visible") == "false"
        assert "did send it" in verdict.inner_text()
        change(page, "SESSION_COOKIE_HTTPONLY", "false")
        save_in_browser(page, "SESSION_COOKIE_HTTPONLY")
        assert verdict.get_attribute("data-visible") == "true"
        assert session_cookie(page)["httpOnly"] is False
        assert not problems.console_errors

    def test_cookie_is_sent_only_under_its_path(self, page, problems):
        """With Path=/settings/ the browser sends the cookie there and nowhere else."""
        change(page, "SESSION_COOKIE_PATH", "/settings/")
        save_in_browser(page, "SESSION_COOKIE_PATH")
        assert session_cookie(page)["path"] == "/settings/"
        page.goto(reverse("get"))
        assert "your browser sent none" in page.inner_text("#session-panel")
        page.goto(url("SESSION_COOKIE_PATH"))
        outside, inside = page.locator(".sent-cookies li").all()[:2]
        assert outside.locator(".not-carried").count() == 1
        assert "no session there" in outside.inner_text()
        assert inside.locator(".carried").count() == 1
        assert "your browser sent none" not in page.inner_text("#session-panel")
        assert not problems.console_errors

    def test_samesite_none_needs_secure(self, page, problems):
        """Chromium drops SameSite=None without Secure; with Secure it stays."""
        change(page, "SESSION_COOKIE_SAMESITE", "None")
        save_in_browser(page, "SESSION_COOKIE_SAMESITE")
        assert "SameSite=None" in page.inner_text(".last-set-cookie")
        assert session_cookie(page) is None
        change(page, "SESSION_COOKIE_SECURE", "true")
        save_in_browser(page, "SESSION_COOKIE_SAMESITE")
        cookie = session_cookie(page)
        assert (cookie["sameSite"], cookie["secure"]) == ("None", True)
        assert not problems.console_errors

    def test_secure_cookie_on_plain_http(self, page, problems):
        """On http://127.0.0.1 Chromium keeps a Secure cookie and sends it back."""
        change(page, "SESSION_COOKIE_SECURE", "true")
        save_in_browser(page, "SESSION_COOKIE_SECURE")
        assert page.url.startswith("http://127.0.0.1:")
        assert session_cookie(page)["secure"] is True
        save_in_browser(page, "SESSION_COOKIE_SECURE")
        assert "request.session['saves'] = 2" in page.inner_text(".outcome")
        assert not problems.console_errors

    def test_foreign_domain_cookie_is_dropped(self, page, problems, settings):
        """A cookie for .example.com, sent to 127.0.0.1, is thrown away: no session."""
        settings.SESSION_COOKIE_DOMAIN = ".example.com"
        save_in_browser(page, "SESSION_COOKIE_DOMAIN")
        assert "Domain=.example.com" in page.inner_text(".last-set-cookie")
        assert session_cookie(page) is None
        save_in_browser(page, "SESSION_COOKIE_DOMAIN")
        assert "your browser sent none" in page.inner_text("#session-panel")
        # The messages cookie takes SESSION_COOKIE_DOMAIN too: lost as well.
        assert page.locator(".outcome").count() == 0
        assert not problems.console_errors
