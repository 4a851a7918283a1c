"""
/methods/get/: `request.session.get(key, default)`, on every engine.
"""

from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.helpers import change_lab, new_session, outcome, reopen, set_item, travel

pytestmark = pytest.mark.django_db

COOKIE_AGE = 60 * 60 * 24 * 14


class TestGet:
    def test_returns_stored_value(self, client, engine):
        """get() returns the stored value."""
        set_item(client, "username", "JohnDoe")
        response = client.get(reverse("get"), {"key": "username", "default": "Guest"})
        assert "→ 'JohnDoe'" in outcome(response)

    def test_returns_default_when_missing(self, client, engine):
        """get() returns the default for a missing key, None when none is given."""
        response = client.get(reverse("get"), {"key": "nobody", "default": "Guest"})
        assert "request.session.get('nobody', 'Guest') → 'Guest'" in outcome(response)
        response = client.get(reverse("get"), {"key": "nobody", "default": ""})
        assert "request.session.get('nobody', None) → None" in outcome(response)
        assert "nobody" not in client.session

    def test_the_store_is_read_once_per_request(self, engine):
        """The first read loads the session; later reads use what it loaded."""
        session = reopen(new_session())
        with mock.patch.object(
            type(session), "load", autospec=True, side_effect=type(session).load
        ) as load:
            assert session.get("username") == "JohnDoe"
            assert session.get("nobody") is None
        assert load.call_count == 1

    def test_without_a_default_it_is_none(self, engine):
        """get(key) with no default returns None for a missing key."""
        assert new_session().get("nobody") is None

    def test_a_stored_none_looks_like_a_missing_key(self, client, engine):
        """get() gives None for both; `in` tells a stored None apart."""
        set_item(client, "nothing", "null")
        for key in ("nothing", "nobody"):
            response = client.get(reverse("get"), {"key": key, "default": ""})
            assert f"request.session.get({key!r}, None) → None" in outcome(response)
        session = client.session
        assert ("nothing" in session, "nobody" in session) == (True, False)

    def test_a_read_is_saved_when_every_request_saves(self, client, engine):
        """With SESSION_SAVE_EVERY_REQUEST, even a read sends the cookie again."""
        set_item(client, "username", "JohnDoe")
        change_lab(client, save_every_request="true")
        response = client.get(reverse("get"), {"key": "username"})
        assert "→ 'JohnDoe'" in outcome(response)
        assert response.cookies["sessionid"]["max-age"] == COOKIE_AGE

    def test_reading_sets_vary_but_no_cookie(self, client, engine):
        """Reading marks the session accessed (Vary: Cookie) but saves nothing."""
        set_item(client, "username", "JohnDoe")
        response = client.get(reverse("get"), {"key": "username"})
        assert "Cookie" in response["Vary"]
        assert "sessionid" not in response.cookies

    def test_reading_a_stale_cookie_changes_the_response(self, client, engine):
        """Stale cookie: db, user_db, caches delete it; file (expired), signed renew."""
        old = set_item(client, "username", "JohnDoe").cookies["sessionid"].value
        with travel(COOKIE_AGE + 60):
            response = client.get(reverse("get"), {"key": "username"})
        assert "→ None" in outcome(response)
        cookie = response.cookies["sessionid"]
        if engine in ("db", "cache", "cached_db", "user_db"):
            assert (cookie.value, cookie["max-age"]) == ("", 0)
        else:
            assert cookie.value not in ("", old)
            assert cookie["max-age"] == COOKIE_AGE

    @pytest.mark.parametrize("engine", ["file"], indirect=True)
    def test_a_file_already_deleted_goes_as_on_db(self, client, engine):
        """file: once clearsessions deleted the file, the read deletes the cookie."""
        set_item(client, "username", "JohnDoe")
        with travel(COOKIE_AGE + 60):
            call_command("clearsessions")
            response = client.get(reverse("get"), {"key": "username"})
        assert "→ None" in outcome(response)
        cookie = response.cookies["sessionid"]
        assert (cookie.value, cookie["max-age"]) == ("", 0)
