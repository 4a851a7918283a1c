"""
/methods/clear/: clear() empties the session and keeps its key, on every
engine.
"""

from unittest import mock

import pytest
from django.contrib import auth
from django.contrib.auth.signals import user_logged_out
from django.urls import reverse

from tests.helpers import (
    SERVER_SIDE,
    StandInUser,
    log_in,
    new_session,
    outcome,
    parse,
    post_try_it,
    reopen,
    set_item,
    text,
    use_engine,
)

pytestmark = pytest.mark.django_db


class TestClear:
    def test_removes_every_key(self, client, engine):
        """clear() removes every key, Django's _session_expiry included."""
        set_item(client, "username", "JohnDoe")
        post_try_it(client, "set_expiry", {"kind": "seconds", "seconds": "300"})
        response = post_try_it(client, "clear", follow=True)
        assert list(client.session.keys()) == []
        assert "removed 'username'" in outcome(response)
        assert "expiry moved" in outcome(response)

    def test_keeps_the_key_and_the_cookie(self, client, engine):
        """clear() saves an empty session and sends the cookie again."""
        set_item(client, "username", "JohnDoe")
        before = client.session.session_key
        response = post_try_it(client, "clear")
        assert response.status_code == 302
        assert response.cookies["sessionid"].value
        assert response.cookies["sessionid"]["max-age"] != 0
        if engine != "signed_cookies":  # there the key is the (now empty) data
            assert response.cookies["sessionid"].value == before
        assert client.session.session_key == response.cookies["sessionid"].value

    def test_is_not_empty_afterwards(self, client, engine):
        """A cleared session still has its key, so it is not empty."""
        set_item(client, "username", "JohnDoe")
        post_try_it(client, "clear")
        assert client.session.is_empty() is False
        assert bool(client.session) is True

    def test_clear_logs_out_without_the_signal_or_a_new_key(self, rf, engine):
        """clear() drops _auth_user_id: no user_logged_out, and the same key."""
        session = log_in(rf, reopen(new_session()), StandInUser()).session
        key = session.session_key
        with mock.patch.object(user_logged_out, "send") as signal:
            session.clear()
        assert auth.SESSION_KEY not in session
        signal.assert_not_called()
        assert session.session_key == key


class TestOnASessionTheStoreForgot:
    @pytest.mark.parametrize("engine", SERVER_SIDE, indirect=True)
    def test_the_save_is_interrupted(self, client, engine):
        """Store lost the session: clear() keeps the dead key, Django answers 400."""
        set_item(client, "username", "JohnDoe")
        client.session.delete()  # expired and deleted, or evicted
        response = post_try_it(client, "clear")
        assert response.status_code == 400
        page = parse(response)
        assert "SessionInterrupted" in text(page.select_one("main"))
        assert "sessionid" not in response.cookies  # nothing saved, nothing sent
        # A read drops the dead key, and the cookie with it.
        read = client.get(reverse("get"), {"key": "username"})
        assert read.cookies["sessionid"]["max-age"] == 0

    def test_signed_cookies_have_no_store_to_miss(self, client, settings):
        """signed_cookies: clear() on any cookie saves an empty session."""
        use_engine(settings, "signed_cookies")
        set_item(client, "username", "JohnDoe")
        response = post_try_it(client, "clear")
        assert response.status_code == 302
        assert response.cookies["sessionid"].value
