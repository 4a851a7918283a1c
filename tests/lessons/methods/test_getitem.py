"""
/methods/getitem/: `request.session[key]`, and KeyError when it is missing.
"""

import pytest
from django.urls import reverse

from tests.helpers import outcome, set_item

pytestmark = pytest.mark.django_db


class TestGetItem:
    def test_returns_stored_value(self, client, engine):
        """session[key] returns the stored value."""
        set_item(client, "username", "JohnDoe")
        response = client.get(reverse("getitem"), {"key": "username"})
        assert "request.session['username'] → 'JohnDoe'" in outcome(response)

    def test_missing_key_raises_keyerror(self, client, engine):
        """session[key] raises KeyError for a missing key; the page explains it."""
        response = client.get(reverse("getitem"), {"key": "nobody"})
        assert response.status_code == 200
        assert "KeyError: 'nobody'" in outcome(response)
        with pytest.raises(KeyError):
            client.session["nobody"]
