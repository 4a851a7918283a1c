"""
/methods/keys/: the keys of the visitor's session, Django's own included.
"""

import pytest
from django.urls import reverse

from tests.helpers import new_session, outcome, run_reading, set_item

pytestmark = pytest.mark.django_db


class TestKeys:
    def test_lists_every_key(self, client, engine):
        """keys() lists every stored key, in the order they were stored."""
        set_item(client, "username", "JohnDoe")
        set_item(client, "theme", "dark")
        response = run_reading(client, "keys")
        assert "list(request.session.keys()) → ['username', 'theme']" in outcome(
            response
        )

    def test_includes_djangos_own_keys(self, client, engine):
        """After set_expiry(), Django's _session_expiry is among the keys."""
        set_item(client, "username", "JohnDoe")
        client.post(reverse("set_expiry"), {"kind": "seconds", "seconds": "300"})
        response = run_reading(client, "keys")
        assert "'_session_expiry'" in outcome(response)

    def test_reading_saves_nothing(self, client, engine):
        """Listing keys varies the response on Cookie but sends no cookie."""
        set_item(client, "username", "JohnDoe")
        response = run_reading(client, "keys")
        assert "Cookie" in response["Vary"]
        assert "sessionid" not in response.cookies

    def test_keys_is_a_live_view(self, client, engine):
        """keys() is a view of the session's dict: deleting while iterating fails."""
        set_item(client, "a", "1")
        set_item(client, "b", "2")
        session = client.session
        with pytest.raises(RuntimeError, match="changed size during iteration"):
            for key in session.keys():  # noqa: SIM118 (sessions have no __iter__)
                del session[key]
        for key in list(session.keys()):
            del session[key]
        assert list(session.keys()) == []


class TestDjangosOwnKeys:
    def test_the_test_cookie_is_a_key_without_an_underscore(self, engine):
        """set_test_cookie() stores "testcookie" among the keys."""
        session = new_session({"cart": [1]})
        session.set_test_cookie()
        assert sorted(session.keys()) == ["cart", "testcookie"]
