"""
/beyond/outside-views/: any code holding the key opens the session, with no
request, on every engine.
"""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse

from tests.helpers import outcome

pytestmark = pytest.mark.django_db


class TestOutsideViews:
    def test_a_fresh_store_opens_the_same_session(self, client, engine):
        """A new SessionStore given only the key loads the visitor's data."""
        client.post(reverse("setitem"), {"key": "username", "value": "JohnDoe"})
        response = client.get(reverse("outside_views"), {"run": "1"})
        assert "{'username': 'JohnDoe'}" in outcome(response)
        assert "sessionid" not in response.cookies

    def test_without_a_session_there_is_nothing_to_open(self, client):
        """With no session key, a fresh store opens an empty session."""
        response = client.get(reverse("outside_views"), {"run": "1"})
        assert "SessionStore(None) → {}" in outcome(response)

    def test_a_script_can_create_a_session(self, client):
        """Code outside a request creates a session that a browser can then use."""
        store = SessionStore()
        store["username"] = "FromAScript"
        store.create()
        client.cookies["sessionid"] = store.session_key
        assert client.session["username"] == "FromAScript"
