"""
/methods/delitem/: `del request.session[key]`, on every engine.
"""

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from tests.helpers import outcome, set_item

pytestmark = pytest.mark.django_db


class TestDelItem:
    def test_removes_key_and_saves(self, client, engine):
        """del session[key] removes the key and saves the smaller session."""
        set_item(client, "username", "JohnDoe")
        set_item(client, "other", "x")
        response = client.post(reverse("delitem"), {"key": "username"})
        assert response.status_code == 302
        assert "username" not in client.session
        assert client.session["other"] == "x"
        assert response.cookies["sessionid"].value == client.session.session_key

    def test_missing_key_is_explained_not_500(self, client, engine):
        """Deleting a missing key is explained on the page; nothing changes."""
        set_item(client, "other", "x")
        response = client.post(reverse("delitem"), {"key": "nobody"}, follow=True)
        assert response.status_code == 200
        assert "would raise KeyError" in outcome(response)
        assert "nothing changed" in outcome(response)

    def test_emptied_session_keeps_its_key_and_cookie(self, client, engine):
        """Deleting the last key saves an empty session under the same key."""
        key = set_item(client, "username", "JohnDoe").cookies["sessionid"].value
        response = client.post(reverse("delitem"), {"key": "username"})
        cookie = response.cookies["sessionid"]
        assert cookie.value and cookie["max-age"] != 0
        assert (cookie.value == key) is (engine != "signed_cookies")
        assert dict(client.session.items()) == {}
        assert client.session.is_empty() is False
        if engine == "db":
            assert Session.objects.get(session_key=key).get_decoded() == {}

    def test_only_flush_empties_it_enough_to_delete_the_cookie(self, client, engine):
        """After flush() the session has no key and no data: the cookie is deleted."""
        set_item(client, "username", "JohnDoe")
        response = client.get(reverse("delete_session"))
        cookie = response.cookies["sessionid"]
        assert cookie.value == ""
        assert cookie["max-age"] == 0
        assert "Cookie" in response["Vary"]
