"""
/methods/cycle-key/: same data under a new key, on every engine;
signed_cookies differ and are pinned.
"""

import time
from unittest import mock

import pytest
from django.contrib import auth
from django.contrib.sessions.backends.signed_cookies import SessionStore as SignedStore
from django.core import signing
from django.urls import reverse

from sessions_demo.lessons.methods.replay import load_key
from tests.helpers import (
    SERVER_SIDE,
    StandInUser,
    log_in,
    new_session,
    outcome,
    reopen,
    session_with_data,
)

pytestmark = pytest.mark.django_db


class TestCycleKey:
    def test_new_key_same_data(self, client, engine):
        """cycle_key() keeps the data under a new key and sends the new cookie."""
        old_key = session_with_data(client)
        client.post(reverse("set_expiry"), {"kind": "seconds", "seconds": "300"})
        old_key = client.session.session_key
        response = client.post(reverse("cycle_key"))
        new_key = response.cookies["sessionid"].value
        assert new_key == client.session.session_key
        assert client.session["username"] == "JohnDoe"
        if engine != "signed_cookies":  # there the key is the signed data itself
            assert new_key != old_key

    @pytest.mark.parametrize("engine", SERVER_SIDE, indirect=True)
    def test_old_key_loads_nothing(self, client, engine):
        """The session under the old key is deleted from the store."""
        old_key = session_with_data(client)
        response = client.post(reverse("cycle_key"), follow=True)
        assert "loading the old key now gives {}" in outcome(response)
        assert load_key(client.session, old_key) == {}

    def test_signed_cookies_old_cookie_still_loads(self, client, settings):
        """With signed_cookies the old cookie still loads the data after cycling."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
        old_cookie = session_with_data(client)
        response = client.post(reverse("cycle_key"), follow=True)
        assert "gives {'username': 'JohnDoe'}" in outcome(response)
        assert SignedStore(old_cookie).load() == {"username": "JohnDoe"}

    def test_signed_cookies_cycling_only_re_signs(self):
        """With signed_cookies a cycle in the same second gives the very same cookie."""
        session = SignedStore()
        session["username"] = "JohnDoe"
        with mock.patch.object(signing.time, "time", return_value=time.time()):
            session.save()
            old_cookie = session.session_key
            session.cycle_key()
            assert session.session_key == old_cookie
        assert SignedStore(old_cookie).load() == {"username": "JohnDoe"}


class TestLogin:
    """What django.contrib.auth's login() does to the key, on every engine."""

    def test_login_calls_cycle_key(self, rf, engine):
        """Logging in an anonymous session keeps its data under a new key."""
        session = new_session()
        request = log_in(rf, reopen(session), StandInUser())
        assert request.session.session_key != session.session_key
        assert request.session["username"] == "JohnDoe"
        assert request.session[auth.SESSION_KEY] == "1"
        # What the key planted before the login opens now: no logged-in user.
        planted = load_key(request.session, session.session_key)
        assert auth.SESSION_KEY not in planted
        if engine in SERVER_SIDE:
            assert planted == {}

    def test_login_as_another_user_flushes(self, rf, engine):
        """Logging in over another user's session empties it under a new key."""
        first = log_in(rf, reopen(new_session()), StandInUser(pk=1)).session
        assert first["username"] == "JohnDoe"  # kept through the first login
        second = log_in(rf, reopen(first), StandInUser(pk=2)).session
        assert second.session_key != first.session_key
        assert second[auth.SESSION_KEY] == "2"
        assert "username" not in second

    @pytest.mark.parametrize("engine", SERVER_SIDE, indirect=True)
    def test_the_same_user_again_keeps_the_key(self, rf, engine):
        """Logging the logged-in user in again changes no key."""
        first = log_in(rf, type(new_session())(), StandInUser()).session
        again = log_in(rf, reopen(first), StandInUser()).session
        assert again.session_key == first.session_key
