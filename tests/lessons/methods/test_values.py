"""
/methods/values/: the values of the visitor's session.
"""

from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.helpers import outcome, run_reading, set_item

pytestmark = pytest.mark.django_db


class TestValues:
    def test_lists_every_value(self, client, engine):
        """values() lists every stored value without its key."""
        set_item(client, "username", "JohnDoe")
        set_item(client, "answer", "42")
        response = run_reading(client, "values")
        assert "list(request.session.values()) → ['JohnDoe', 42]" in outcome(response)

    def test_reading_saves_nothing(self, client, engine):
        """Listing values sends no cookie, even for a visitor without a session."""
        response = run_reading(client, "values")
        assert "→ []" in outcome(response)
        assert "sessionid" not in response.cookies

    def test_djangos_own_values_are_among_them(self, client, engine):
        """After set_expiry(timedelta), its ISO date is one of the values."""
        set_item(client, "username", "JohnDoe")
        client.post(reverse("set_expiry"), {"kind": "timedelta", "seconds": "300"})
        stored = client.session["_session_expiry"]
        assert datetime.fromisoformat(stored) > timezone.now()
        assert repr(stored) in outcome(run_reading(client, "values"))
