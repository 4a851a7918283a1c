"""SESSION_COOKIE_HTTPONLY in a real browser: what the page's own script can read."""

from django.urls import reverse


def change_httponly(page, value: str) -> None:
    """Use the setting page's control (the lab, for this visitor only)."""
    page.goto(reverse("session_cookie_httponly"))
    page.select_option("#control-cookie_httponly", value)
    with page.expect_navigation():
        page.click(".setting-control button")


def save_session(page) -> None:
    """Press the page's try-it: Django saves the session and sends its cookie."""
    with page.expect_navigation():
        page.click("form.try-it-form:not(.setting-control) button")


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
    change_httponly(page, "false")
    save_session(page)
    key = page.locator('#session-panel [data-field="session_key"] code').inner_text()
    assert script_sees_session_cookie(page) is True
    assert verdict(page) == "true"
    assert f"sessionid={key}" in page.evaluate("document.cookie")
    session_cookies = [c for c in page.context.cookies() if c["name"] == "sessionid"]
    assert [cookie["httpOnly"] for cookie in session_cookies] == [False]
    change_httponly(page, "true")
    save_session(page)
    assert script_sees_session_cookie(page) is False
    assert verdict(page) == "false"
    assert not problems
