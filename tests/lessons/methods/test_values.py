"""
keys(), items() and values() on the visitor's session, on every engine.
"""

import pytest
from django.urls import reverse

from tests.helpers import outcome, set_item

pytestmark = pytest.mark.django_db


def read(client, url_name):
    return client.get(reverse(url_name), {"run": "1"})


class TestValues:
    def test_lists_every_value(self, client, engine):
        """values() lists every stored value without its key."""
        set_item(client, "username", "JohnDoe")
        set_item(client, "answer", "42")
        response = read(client, "values")
        assert "list(request.session.values()) → ['JohnDoe', 42]" in outcome(response)

    def test_reading_saves_nothing(self, client, engine):
        """Listing values sends no cookie, even for a visitor without a session."""
        response = read(client, "values")
        assert "→ []" in outcome(response)
        assert "sessionid" not in response.cookies
