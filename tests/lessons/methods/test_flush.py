"""
/methods/flush/: the stored session and its key are gone, on every
engine; signed_cookies differ and are pinned.
"""

import pytest
from django.contrib.sessions.backends.signed_cookies import SessionStore as SignedStore
from django.urls import reverse

from sessions_demo.lessons.methods.replay import load_key
from tests.helpers import (
    SERVER_SIDE,
    StandInUser,
    log_in,
    log_out,
    new_session,
    outcome,
    reopen,
    respond,
    session_with_data,
)

pytestmark = pytest.mark.django_db


class TestFlush:
    def test_removes_data_and_key(self, client, engine):
        """After flush() the session has no data, not even Django's, and no key."""
        session_with_data(client)
        client.post(reverse("set_expiry"), {"kind": "seconds", "seconds": "300"})
        client.post(reverse("flush"))
        session = client.session
        assert list(session.keys()) == []
        assert session.session_key is None
        assert session.is_empty() is True

    def test_deletes_the_cookie(self, client, engine):
        """SessionMiddleware answers a flush by deleting the cookie."""
        session_with_data(client)
        response = client.post(reverse("flush"))
        cookie = response.cookies["sessionid"]
        assert cookie.value == ""
        assert cookie["max-age"] == 0
        assert "Cookie" in response["Vary"]

    @pytest.mark.parametrize("engine", SERVER_SIDE, indirect=True)
    def test_old_key_loads_nothing(self, client, engine):
        """The stored session is deleted: loading the old key gives {}."""
        old_key = session_with_data(client)
        response = client.post(reverse("flush"), follow=True)
        assert "loading the old key now gives {}" in outcome(response)
        assert "session key dropped" in outcome(response)
        assert load_key(client.session, old_key) == {}

    def test_signed_cookies_old_cookie_still_loads(self, client, settings):
        """With signed_cookies nothing is deleted: a copy of the old cookie works."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
        old_cookie = session_with_data(client)
        response = client.post(reverse("flush"), follow=True)
        assert "gives {'username': 'JohnDoe'}" in outcome(response)
        assert SignedStore(old_cookie).load() == {"username": "JohnDoe"}

    def test_logout_calls_flush(self, rf, engine):
        """django.contrib.auth's logout() flushes: no data, no key, cookie deleted."""
        session = log_in(rf, reopen(new_session()), StandInUser()).session
        request = log_out(rf, reopen(session))
        assert request.session.session_key is None
        assert list(request.session.keys()) == []
        if engine in SERVER_SIDE:
            assert load_key(request.session, session.session_key) == {}

    def test_flush_without_a_session_is_harmless(self, client, engine):
        """Flushing a visitor who has no session changes nothing and sets no cookie."""
        response = client.post(reverse("flush"))
        assert response.status_code == 302
        assert "sessionid" not in response.cookies


class TestStoringAfterTheFlush:
    def test_a_view_that_stores_again_gets_a_new_key_sent(self, rf, engine):
        """flush() then a write, as login() over another user: a new cookie."""
        old = new_session()
        request = rf.get("/")
        request.session = reopen(old)
        request.session.flush()
        request.session["user"] = "someone else"
        response = respond(request)
        cookie = response.cookies["sessionid"]
        assert cookie.value not in ("", old.session_key)
        assert cookie["max-age"] == 60 * 60 * 24 * 14
