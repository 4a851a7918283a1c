"""
/start/enabling-sessions/: the app, the middleware and the table.
"""

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.contrib.sessions.models import Session
from django.urls import reverse

from sessions_demo.lab.middleware import LabSessionMiddleware
from tests.helpers import parse

pytestmark = pytest.mark.django_db


class TestEnablingSessions:
    def test_setup_check_reports_each_piece(self, client):
        """The check finds the app, the middleware and the django_session table."""
        response = client.get(reverse("enabling_sessions"), {"run": "1"})
        text = parse(response).select_one(".outcome").get_text()
        assert "app installed: True" in text
        assert "middleware on: True" in text
        assert "table exists: True" in text

    def test_setup_check_names_the_session_middleware(self, client):
        """The middleware found is the lab's, a subclass of Django's own."""
        response = client.get(reverse("enabling_sessions"), {"run": "1"})
        text = parse(response).select_one(".outcome").get_text()
        assert "sessions_demo.lab.middleware.LabSessionMiddleware" in text
        assert issubclass(LabSessionMiddleware, SessionMiddleware)

    def test_checking_does_not_create_a_session(self, client):
        """Running the check writes nothing: no cookie, no row."""
        response = client.get(reverse("enabling_sessions"), {"run": "1"})
        assert "sessionid" not in response.cookies
        assert not Session.objects.exists()
