"""
/methods/contains/: `key in request.session`, on every engine.
"""

import pytest
from django.urls import reverse

from tests.helpers import new_session, outcome, set_item

pytestmark = pytest.mark.django_db


class TestContains:
    def test_true_for_stored_key(self, client, engine):
        """`key in session` is True for a stored key, even one holding None."""
        set_item(client, "nothing", "null")
        response = client.get(reverse("contains"), {"key": "nothing"})
        assert "'nothing' in request.session → True" in outcome(response)

    def test_false_for_missing_key(self, client, engine):
        """`key in session` is False for a missing key and stores nothing."""
        response = client.get(reverse("contains"), {"key": "nobody"})
        assert "'nobody' in request.session → False" in outcome(response)
        assert "sessionid" not in response.cookies

    def test_has_key_and_djangos_own_keys(self, client, engine):
        """has_key() answers like `in`; _session_expiry is in after set_expiry()."""
        set_item(client, "username", "JohnDoe")
        session = client.session
        assert session.has_key("username") is True  # noqa: W601 (the old spelling)
        assert "_session_expiry" not in session
        client.post(reverse("set_expiry"), {"kind": "seconds", "seconds": "300"})
        response = client.get(reverse("contains"), {"key": "_session_expiry"})
        assert response.status_code == 400  # the form keeps Django's keys out
        assert "_session_expiry" in client.session


class TestDjangosOwnKeys:
    def test_the_expiry_key_comes_and_goes_with_set_expiry(self, engine):
        """_session_expiry is in the session after set_expiry(300), not after None."""
        session = new_session()
        session.set_expiry(300)
        assert "_session_expiry" in session
        session.set_expiry(None)
        assert "_session_expiry" not in session
