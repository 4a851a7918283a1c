"""
/methods/is-empty/: is_empty() and bool(session), on every engine.
"""

import pytest
from django.contrib.sessions.backends.base import SessionBase
from django.urls import reverse

from tests.helpers import outcome, set_item

pytestmark = pytest.mark.django_db


def ask(client):
    return outcome(client.get(reverse("is_empty"), {"run": "1"}))


class TestIsEmpty:
    def test_new_visitor_is_empty(self, client, engine):
        """A visitor who stored nothing has an empty, falsy session."""
        text = ask(client)
        assert "is_empty() → True" in text
        assert "bool(request.session) → False" in text

    def test_session_with_data_is_not_empty(self, client, engine):
        """Once something is stored, the session is not empty and is truthy."""
        set_item(client, "username", "JohnDoe")
        text = ask(client)
        assert "is_empty() → False" in text
        assert "bool(request.session) → True" in text

    def test_cleared_session_keeps_its_key(self, client, engine):
        """A cleared session has no data but a key: not empty. A flushed one is."""
        set_item(client, "username", "JohnDoe")
        client.post(reverse("clear"))
        assert "is_empty() → False" in ask(client)
        client.post(reverse("flush"))
        assert "is_empty() → True" in ask(client)

    def test_bool_is_the_opposite_of_is_empty(self):
        """Django 6.1's SessionBase.__bool__ returns not is_empty()."""
        assert SessionBase.__bool__.__qualname__ == "SessionBase.__bool__"
        session = SessionBase()
        assert session.is_empty() is True
        assert bool(session) is False
