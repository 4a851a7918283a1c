"""
What another site can do with the guide's GET views, in a real browser.

The live server answers at 127.0.0.1; "another site" is a second, tiny server
on this machine, reached as http://localhost:<its port>/: for cookies a
different site (the host differs), and for Chromium a page on the same
machine, which may load resources from 127.0.0.1. The session cookie carries
Django's default SameSite=Lax unless a test changes it in the lab.

Whether Chromium sent the cookie, and why not, is read from Chromium itself
(the DevTools protocol lists each cookie it left out with its reasons). That
tells SameSite apart from the other reason these private browser contexts
have: they block third-party cookies ("UserPreferences") whatever SameSite
says, as Chromium's private windows do.
"""

import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse
from playwright.sync_api import expect

PRIZE = "Win a prize"
SAMESITE_REASONS = {
    "Lax": "SchemefulSameSiteLax",
    "Strict": "SchemefulSameSiteStrict",
    "False": "SchemefulSameSiteUnspecifiedTreatedAsLax",
}


class AnotherSite(ThreadingHTTPServer):
    """A server answering every GET with one page of HTML, set by the test."""

    html = ""

    @property
    def url(self) -> str:
        return f"http://localhost:{self.server_address[1]}/"


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = self.server.html.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:  # quiet: the tests say what matters
        pass


@pytest.fixture
def another_site():
    """Serve a page at http://localhost:<port>/, another site than 127.0.0.1."""
    server = AnotherSite(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def refused(page) -> Callable[[str], list[str]]:
    """Return why Chromium left the session cookie out of a request; [] if sent."""
    devtools = page.context.new_cdp_session(page)
    urls, reasons = {}, {}

    def sent(event: dict) -> None:
        urls[event["requestId"]] = event["request"]["url"]

    def cookies(event: dict) -> None:
        for cookie in event.get("associatedCookies", []):
            if cookie["cookie"]["name"] == "sessionid":
                reasons[event["requestId"]] = cookie["blockedReasons"]

    devtools.on("Network.requestWillBeSent", sent)
    devtools.on("Network.requestWillBeSentExtraInfo", cookies)
    devtools.send("Network.enable")

    def of(url: str) -> list[str]:
        last = [request for request, at in urls.items() if at == url][-1]
        return reasons[last]

    return of


def use_samesite(page, value: str) -> None:
    """Change SESSION_COOKIE_SAMESITE for this visitor, with its page's control."""
    for setting, choice in [("session_cookie_samesite", value)] + (
        [("session_cookie_secure", "true")] if value == "None" else []
    ):  # browsers keep a SameSite=None cookie only when it is Secure
        page.goto(reverse(setting))
        page.locator(".setting-control select").select_option(choice)
        with page.expect_navigation():
            page.click(".setting-control button")


def embed_image(page, another_site, target: str) -> None:
    """Open another site's page holding <img src=target>, until it is done."""
    another_site.html = f'<img src="{target}" alt="">'
    page.goto(another_site.url)
    # Done, loaded or not: Chromium blocks a text/plain answer to an <img>
    # (ORB) only after the server has answered it.
    expect(page.locator("img")).to_have_js_property("complete", True)


def follow_link(page, another_site, target: str) -> None:
    """Open another site's page, click its link to target, and arrive there."""
    another_site.html = f'<a href="{target}">{PRIZE}</a>'
    page.goto(another_site.url)
    with page.expect_navigation(url=target):
        page.get_by_text(PRIZE).click()


def greeting(page):
    """Open the guide's /get-session/ and return its body, to wait on."""
    page.goto(reverse("get_session"))
    return page.locator("body")


def test_another_sites_image_carries_no_session_cookie(
    page, base_url, another_site, refused
):
    """SameSite=Lax: another site's <img> reaches /delete-session/ without it."""
    page.goto(reverse("set_session"))
    target = base_url + reverse("delete_session")
    embed_image(page, another_site, target)
    expect(greeting(page)).to_have_text("Hello, John Doe!")
    assert SAMESITE_REASONS["Lax"] in refused(target)


def test_another_sites_frame_and_form_carry_none_either(
    page, base_url, another_site, refused
):
    """SameSite=Lax: nor do another site's <iframe> and its form that POSTs."""
    page.goto(reverse("set_session"))
    target = base_url + reverse("delete_session")
    another_site.html = f'<iframe src="{target}"></iframe>'
    # Django answers, and X-Frame-Options: DENY then keeps the answer hidden.
    with page.expect_response(target):
        page.goto(another_site.url)
    assert SAMESITE_REASONS["Lax"] in refused(target)
    form = f'<form method="post" action="{target}"><button>Go</button></form>'
    another_site.html = form
    page.goto(another_site.url)
    with page.expect_navigation(url=target):
        page.get_by_role("button").click()
    expect(page.locator("body")).to_contain_text("CSRF verification failed")
    assert SAMESITE_REASONS["Lax"] in refused(target)
    expect(greeting(page)).to_have_text("Hello, John Doe!")


def test_a_link_on_another_site_carries_it(page, base_url, another_site, refused):
    """SameSite=Lax: a click on another site's link sends the cookie: logged out."""
    page.goto(reverse("set_session"))
    target = base_url + reverse("delete_session")
    follow_link(page, another_site, target)
    expect(page.locator("body")).to_have_text("Session data deleted.")
    assert refused(target) == []
    expect(greeting(page)).to_have_text("Hello, Guest!")


def test_strict_keeps_it_from_a_link_too(page, base_url, another_site, refused):
    """SameSite=Strict: a link from another site arrives without the session."""
    use_samesite(page, "Strict")
    page.goto(reverse("set_session"))
    target = base_url + reverse("get_session")
    follow_link(page, another_site, target)
    expect(page.locator("body")).to_have_text("Hello, Guest!")
    assert SAMESITE_REASONS["Strict"] in refused(target)
    expect(greeting(page)).to_have_text("Hello, John Doe!")  # a visit from this site


def test_none_lets_samesite_pass_it(page, base_url, another_site, refused):
    """SameSite=None (Secure): SameSite no longer holds it back from an <img>."""
    use_samesite(page, "None")
    page.goto(reverse("set_session"))
    target = base_url + reverse("delete_session")
    embed_image(page, another_site, target)
    reasons = refused(target)
    assert not [reason for reason in reasons if "SameSite" in reason]
    # What still holds it back: the private context's block on third-party cookies.
    assert set(reasons) == {"UserPreferences"}


def test_no_attribute_counts_as_lax_in_chromium(page, base_url, another_site, refused):
    """SameSite=False (no attribute): Chromium treats the cookie as Lax."""
    use_samesite(page, "False")
    page.goto(reverse("set_session"))
    target = base_url + reverse("delete_session")
    embed_image(page, another_site, target)
    expect(greeting(page)).to_have_text("Hello, John Doe!")
    assert SAMESITE_REASONS["False"] in refused(target)
