"""
A Secure session cookie over plain HTTP, on a host that is not this machine.

On http://127.0.0.1 Chromium keeps a Secure cookie (test_session_settings.py
shows it); on any other plain-HTTP host it refuses to store one. The other
host is served by Playwright itself, answering as Django would with the
session cookie, once with Secure and once without.
"""

import pytest
from django.test import override_settings
from django.urls import reverse

PLAIN_HTTP_HOST = "http://sessions.example/"


@pytest.mark.parametrize("secure", [False, True])
def test_plain_http_elsewhere_drops_a_secure_cookie(page, client, secure):
    """A plain-HTTP host other than localhost cannot set a Secure cookie."""
    with override_settings(SESSION_COOKIE_SECURE=secure):
        answer = client.get(reverse("set_session"))  # Django's own Set-Cookie
    header = answer.cookies["sessionid"].OutputString()
    assert ("Secure" in header) is secure
    page.route(
        PLAIN_HTTP_HOST,
        lambda route: route.fulfill(
            body="Session data set!", headers={"Set-Cookie": header}
        ),
    )
    page.goto(PLAIN_HTTP_HOST)
    kept = [
        c for c in page.context.cookies(PLAIN_HTTP_HOST) if c["name"] == "sessionid"
    ]
    assert bool(kept) is (not secure)
