"""
The size limit the signed_cookies page works against: Chromium keeps a cookie
of at most 4096 bytes (its name and value) and drops a bigger one silently.

A page served by Playwright itself sets the cookie, so the limit is the
browser's alone.
"""

import pytest

from sessions_demo.panel.stored import COOKIE_LIMIT

SITE = "http://sessions.example/"
NAME = "sessionid"


@pytest.mark.parametrize("size", [COOKIE_LIMIT, COOKIE_LIMIT + 1])
def test_a_cookie_over_4096_bytes_is_dropped(page, size):
    """Name and value of 4096 bytes are kept; one byte more, and nothing is."""
    value = "a" * (size - len(NAME))
    page.route(
        SITE,
        lambda route: route.fulfill(
            body="ok", headers={"Set-Cookie": f"{NAME}={value}; Path=/"}
        ),
    )
    page.goto(SITE)
    names = [cookie["name"] for cookie in page.context.cookies(SITE)]
    assert (NAME in names) is (size <= COOKIE_LIMIT)


def test_a_cookie_too_big_leaves_the_old_one(page):
    """An oversized Set-Cookie is ignored: the browser keeps sending the old value."""
    values = iter(["old", "a" * (COOKIE_LIMIT - len(NAME) + 1)])
    page.route(
        SITE,
        lambda route: route.fulfill(
            body="ok", headers={"Set-Cookie": f"{NAME}={next(values)}; Path=/"}
        ),
    )
    page.goto(SITE)
    page.goto(SITE)
    kept = {c["name"]: c["value"] for c in page.context.cookies(SITE)}
    assert kept == {NAME: "old"}
