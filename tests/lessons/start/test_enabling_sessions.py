"""
/start/enabling-sessions/: the app, the middleware and the table.
"""

from pathlib import Path

import django
import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.middleware import SessionMiddleware
from django.contrib.sessions.models import Session
from django.db import DatabaseError, connection
from django.db.transaction import atomic
from django.urls import reverse

from sessions_demo.lab.middleware import LabSessionMiddleware
from tests.helpers import new_session, parse

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


class TestWhenAPieceIsMissing:
    def test_without_the_table_reads_work_until_the_store_is_asked(self, settings):
        """db without django_session: a write or a key to load fails; a new read not."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
        key = new_session().session_key
        with connection.cursor() as cursor:  # undone with the test's transaction
            cursor.execute("DROP TABLE django_session")
        assert SessionStore().get("username") is None  # no key: nothing asked
        fresh = SessionStore()
        fresh["username"] = "JohnDoe"
        # Each failure inside a savepoint, so the test's transaction goes on.
        with pytest.raises(DatabaseError, match="django_session"), atomic():
            fresh.save()
        with pytest.raises(DatabaseError, match="django_session"), atomic():
            SessionStore(key).load()

    def test_without_the_middleware_there_is_no_session(self, rf):
        """A request that SessionMiddleware never saw has no request.session."""
        with pytest.raises(AttributeError, match="session"):
            rf.get("/").session  # noqa: B018 (the attribute access is the test)


class TestANewProject:
    def test_startproject_switches_sessions_on_in_order(self):
        """Django's project template installs the app and orders the middleware."""
        template = (
            Path(django.__file__).parent
            / "conf/project_template/project_name/settings.py-tpl"
        ).read_text()
        assert "'django.contrib.sessions'," in template
        order = [
            template.index(f"'django.{name}'")
            for name in (
                "contrib.sessions.middleware.SessionMiddleware",
                "contrib.auth.middleware.AuthenticationMiddleware",
                "contrib.messages.middleware.MessageMiddleware",
            )
        ]
        assert order == sorted(order)
