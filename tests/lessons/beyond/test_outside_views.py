"""
/beyond/outside-views/: any code holding the key opens the session, with no
request, on every engine.
"""

import pytest
from django.urls import reverse

from tests.helpers import new_session, outcome

pytestmark = pytest.mark.django_db


class TestOutsideViews:
    def test_a_fresh_store_opens_the_same_session(self, client, engine):
        """A new SessionStore given only the key loads the visitor's data."""
        client.post(reverse("setitem"), {"key": "username", "value": "JohnDoe"})
        response = client.get(reverse("outside_views"), {"run": "1"})
        assert "{'username': 'JohnDoe'}" in outcome(response)
        assert "sessionid" not in response.cookies

    def test_without_a_session_there_is_nothing_to_open(self, client, engine):
        """With no session key, a fresh store opens an empty session."""
        response = client.get(reverse("outside_views"), {"run": "1"})
        assert "SessionStore(None) → {}" in outcome(response)

    def test_a_script_can_create_a_session(self, client, engine):
        """Code outside a request saves a new session that a browser can then use."""
        store = type(new_session())()
        store["username"] = "FromAScript"
        store.save()
        client.cookies["sessionid"] = store.session_key
        assert client.session["username"] == "FromAScript"

    def test_create_makes_no_key_with_signed_cookies(self, engine):
        """create() stores a new key on server-side engines; signed_cookies, none."""
        store = type(new_session())()
        store.create()
        assert (store.session_key is None) is (engine == "signed_cookies")
