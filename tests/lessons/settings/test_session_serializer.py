"""
/settings/session-serializer/: JSON refuses a datetime; a safe custom
serializer keeps it; pickle is gone.
"""

import django
import pytest
from django.contrib.sessions import serializers

from tests.helpers import change_lab, saved_outcome, setting_page, text

pytestmark = pytest.mark.django_db


class TestSerializer:
    def test_json_refuses_a_datetime(self, client):
        """JSONSerializer refuses a datetime: a message, not a 500, nothing stored."""
        said = saved_outcome(client, "SESSION_SERIALIZER")
        assert "JSONSerializer refused it: Object of type datetime is not JSON" in said
        assert "sessionid" not in client.cookies

    def test_rich_serializer_round_trips_it(self, client):
        """Our RichJSONSerializer writes a tagged datetime and reads it back."""
        change_lab(client, serializer="rich")
        said = saved_outcome(client, "SESSION_SERIALIZER")
        assert (
            'RichJSONSerializer wrote {"when":{"__session_type__":["datetime",' in said
        )
        assert "read back through the session: datetime.datetime(" in said
        assert "the same value: True" in said

    def test_pickle_serializer_is_gone(self, client):
        """Django 5.0 removed PickleSerializer; the page corrects the guide."""
        assert django.VERSION >= (5, 0)
        assert not hasattr(serializers, "PickleSerializer")
        said = text(
            setting_page(client, "SESSION_SERIALIZER").select_one(".explanation")
        )
        assert "removed in Django 5.0" in said
