"""
/methods/pop/: take a value out, with or without a default, on every engine.
"""

import pytest

from tests.helpers import outcome, post_try_it, set_item

pytestmark = pytest.mark.django_db


class TestPop:
    def test_removes_and_returns_value(self, client, engine):
        """pop(key) removes the key, returns its value and saves the session."""
        set_item(client, "username", "JohnDoe")
        set_item(client, "keep", "me")
        response = post_try_it(client, "pop", {"key": "username"})
        assert response.cookies["sessionid"].value
        assert "username" not in client.session
        assert client.session["keep"] == "me"
        page = client.get(response.url)
        assert "request.session.pop('username') → 'JohnDoe'" in outcome(page)

    def test_missing_key_with_default_returns_default(self, client, engine):
        """pop(key, default) returns the default for a missing key."""
        response = post_try_it(
            client,
            "pop",
            {"key": "nobody", "with_default": "on", "default": "Guest"},
            follow=True,
        )
        assert "request.session.pop('nobody', 'Guest') → 'Guest'" in outcome(response)
        response = post_try_it(
            client, "pop", {"key": "nobody", "with_default": "on"}, follow=True
        )
        assert "request.session.pop('nobody', None) → None" in outcome(response)

    def test_missing_key_without_default_is_explained_not_500(self, client, engine):
        """pop(key) on a missing key raises KeyError; the page shows it, no 500."""
        set_item(client, "keep", "me")
        response = post_try_it(client, "pop", {"key": "nobody"}, follow=True)
        assert response.status_code == 200
        assert "request.session.pop('nobody') → KeyError: 'nobody'" in outcome(response)
        assert "nothing changed" in outcome(response)
        assert client.session["keep"] == "me"

    def test_missing_key_saves_nothing(self, client, engine):
        """Popping a missing key does not mark the session modified."""
        set_item(client, "keep", "me")
        for data in ({"key": "nobody"}, {"key": "nobody", "with_default": "on"}):
            response = post_try_it(client, "pop", data)
            assert response.status_code == 302
            assert "sessionid" not in response.cookies
