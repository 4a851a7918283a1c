"""
/methods/get/: `request.session.get(key, default)`, on every engine.
"""

import pytest
from django.urls import reverse

from tests.helpers import outcome, set_item

pytestmark = pytest.mark.django_db


class TestGet:
    def test_returns_stored_value(self, client):
        """get() returns the stored value."""
        set_item(client, "username", "JohnDoe")
        response = client.get(reverse("get"), {"key": "username", "default": "Guest"})
        assert "→ 'JohnDoe'" in outcome(response)

    def test_returns_default_when_missing(self, client):
        """get() returns the default for a missing key, None when none is given."""
        response = client.get(reverse("get"), {"key": "nobody", "default": "Guest"})
        assert "request.session.get('nobody', 'Guest') → 'Guest'" in outcome(response)
        response = client.get(reverse("get"), {"key": "nobody", "default": ""})
        assert "request.session.get('nobody', None) → None" in outcome(response)
        assert "nobody" not in client.session

    def test_reading_sets_vary_but_no_cookie(self, client):
        """Reading marks the session accessed (Vary: Cookie) but saves nothing."""
        set_item(client, "username", "JohnDoe")
        response = client.get(reverse("get"), {"key": "username"})
        assert "Cookie" in response["Vary"]
        assert "sessionid" not in response.cookies
