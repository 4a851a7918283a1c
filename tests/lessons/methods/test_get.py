"""
/methods/get/: `request.session.get(key, default)`, on every engine.
"""

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.helpers import outcome, set_item, travel

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
