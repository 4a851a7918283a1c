"""
/settings/session-cookie-age/: the cookie's Max-Age and the store's expiry.
"""

import time

import pytest
from django.contrib.sessions.backends.signed_cookies import (
    SessionStore as SignedCookieStore,
)

from sessions_demo.lessons.settings import SAVES_KEY
from tests.helpers import change_lab, save_session, seconds_left, setting_page, text

pytestmark = pytest.mark.django_db


class TestCookieAge:
    def test_lab_change_shows_in_the_next_set_cookie(self, client):
        """After POST /lab/ cookie_age=3600 the session cookie has Max-Age=3600."""
        assert save_session(client).cookies["sessionid"]["max-age"] == 1209600
        changed = change_lab(client, cookie_age="3600")
        assert changed.cookies["sessionid"]["max-age"] == 3600
        cookie = save_session(client).cookies["sessionid"]
        assert cookie["max-age"] == 3600
        assert cookie["expires"]
        assert "Cookie" in save_session(client)["Vary"]

    def test_page_shows_max_age_and_expires(self, client, settings):
        """The page shows the real Set-Cookie with its Max-Age and Expires."""
        settings.SESSION_COOKIE_AGE = 60
        save_session(client)
        shown = setting_page(client, "SESSION_COOKIE_AGE")
        header = text(shown.select_one(".last-set-cookie"))
        assert header.startswith("Set-Cookie: sessionid=")
        assert "Max-Age=60" in header
        facts = dict(
            zip(
                [text(dt) for dt in shown.select(".cookie-attributes dt")],
                [text(dd) for dd in shown.select(".cookie-attributes dd")],
                strict=True,
            )
        )
        assert facts["Max-Age"] == "60"
        assert facts["Expires"].endswith("GMT")

    def test_store_expiry_follows_the_age(self, client, settings):
        """The store records the expiry too: an old cookie finds nothing after it."""
        settings.SESSION_COOKIE_AGE = 60
        key = save_session(client).cookies["sessionid"].value
        assert seconds_left(key) == pytest.approx(60, abs=5)

    def test_signed_cookies_enforce_only_the_cookie_age(self, settings, monkeypatch):
        """With signed_cookies, a longer set_expiry() loses to SESSION_COOKIE_AGE."""
        settings.SESSION_COOKIE_AGE = 60
        store = SignedCookieStore()
        store[SAVES_KEY] = 1
        store.set_expiry(3600)
        store.save()
        cookie_value = store.session_key
        assert SignedCookieStore(cookie_value).get(SAVES_KEY) == 1
        later = time.time() + 120
        monkeypatch.setattr(time, "time", lambda: later)
        assert SignedCookieStore(cookie_value).get(SAVES_KEY) is None
