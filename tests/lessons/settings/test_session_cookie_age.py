"""
/settings/session-cookie-age/: the cookie's Max-Age and the store's expiry.
"""

import time

import pytest
from django.contrib.sessions.backends.signed_cookies import (
    SessionStore as SignedCookieStore,
)
from django.urls import reverse

from sessions_demo.lessons.settings import SAVES_KEY
from tests.helpers import (
    change_lab,
    new_session,
    outcome,
    reopen,
    save_session,
    seconds_left,
    set_item,
    setting_page,
    text,
    travel,
)

pytestmark = pytest.mark.django_db


class TestCookieAge:
    def test_lab_change_shows_in_the_next_set_cookie(self, client, engine):
        """After POST /lab/ cookie_age=3600 the session cookie has Max-Age=3600."""
        assert save_session(client).cookies["sessionid"]["max-age"] == 1209600
        changed = change_lab(client, cookie_age="3600")
        assert changed.cookies["sessionid"]["max-age"] == 3600
        cookie = save_session(client).cookies["sessionid"]
        assert cookie["max-age"] == 3600
        assert cookie["expires"]
        assert "Cookie" in save_session(client)["Vary"]

    def test_page_shows_max_age_and_expires(self, client, settings):
        """The page shows the real Set-Cookie, its Max-Age readable, and Expires."""
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
        assert facts["Max-Age"] == "1 min ( 60 s)"  # the number is <code>60</code>
        assert facts["Expires"].endswith("GMT")

    def test_a_read_does_not_move_the_end(self, client, settings, engine):
        """A session only read keeps its end: 60 s after its save, not its read."""
        settings.SESSION_COOKIE_AGE = 60
        set_item(client, "username", "JohnDoe")
        with travel(30):
            read = client.get(reverse("get"), {"key": "username"})
        assert "→ 'JohnDoe'" in outcome(read)
        assert "sessionid" not in read.cookies
        with travel(70):
            later = client.get(reverse("get"), {"key": "username"})
        assert "→ None" in outcome(later)

    def test_the_server_ends_it_at_that_age_too(self, settings, engine):
        """Every engine refuses a session older than SESSION_COOKIE_AGE."""
        settings.SESSION_COOKIE_AGE = 60
        session = new_session()
        with travel(30):
            assert reopen(session).load() == {"username": "JohnDoe"}
        with travel(90):
            assert reopen(session).load() == {}

    def test_a_new_age_reaches_only_file_and_signed_cookies_at_once(
        self, settings, engine
    ):
        """db and caches keep the end they stored; file, signed_cookies count anew."""
        session = new_session()  # saved with two weeks
        settings.SESSION_COOKIE_AGE = 60
        with travel(90):
            loaded = reopen(session).load()
        assert (loaded == {}) is (engine in ("file", "signed_cookies"))

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
