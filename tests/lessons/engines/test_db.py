"""
The engine pages: each engine's storage, costs and warnings, on real sessions.
"""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sessions_demo.lab.engines import engine_path
from tests.helpers import PAGES_OF_ENGINES as PAGES
from tests.helpers import new_session, reopen

pytestmark = pytest.mark.django_db


def use(settings, engine):
    settings.SESSION_ENGINE = engine_path(engine)


def store(client, engine, key="username", value="JohnDoe"):
    """Run the db/file pages' try-it: store key = value."""
    return client.post(reverse(PAGES[engine]), {"key": key, "value": value})


def expire_rows():
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))


class TestDatabaseEngine:
    def test_one_row_with_signed_data_and_expiry(self, client, settings):
        """db: one row holds the key, the signed data and the expiry date."""
        use(settings, "db")
        response = store(client, "db")
        key = response.cookies["sessionid"].value
        row = Session.objects.get(session_key=key)
        assert Session.objects.count() == 1
        assert "JohnDoe" not in row.session_data  # base64, not plain JSON
        assert row.get_decoded() == {"username": "JohnDoe"}
        left = (row.expire_date - timezone.now()).total_seconds()
        assert settings.SESSION_COOKIE_AGE - 5 < left <= settings.SESSION_COOKIE_AGE

    def test_a_read_costs_one_select(self, settings, django_assert_num_queries):
        """db: loading a session is one query; a store that is never read, none."""
        use(settings, "db")
        session = new_session()
        with django_assert_num_queries(1):
            assert reopen(session)["username"] == "JohnDoe"
        with django_assert_num_queries(0):
            reopen(session)

    def test_save_is_an_insert_then_updates(self, settings):
        """db: a new session is an INSERT; saving it again is an UPDATE."""
        use(settings, "db")
        with CaptureQueriesContext(connection) as queries:
            session = new_session()
        created = [q["sql"].split()[0] for q in queries if "django_session" in q["sql"]]
        assert created[-1] == "INSERT"  # after a SELECT that checks the key is free
        session["visits"] = 1
        with CaptureQueriesContext(connection) as queries:
            session.save()
        writes = [q["sql"].split()[0] for q in queries if "django_session" in q["sql"]]
        assert writes == ["UPDATE"]

    def test_store_rewrites_the_row(self, client, settings):
        """db: the try-it saves new data and a later expiry into the same row."""
        use(settings, "db")
        store(client, "db", "a", "1")
        key = client.cookies["sessionid"].value
        before = Session.objects.get(session_key=key)
        Session.objects.update(expire_date=before.expire_date - timedelta(hours=1))
        response = store(client, "db", "b", "2")
        after = Session.objects.get(session_key=key)
        assert response.status_code == 302
        assert after.session_data != before.session_data
        assert after.get_decoded() == {"a": 1, "b": 2}
        assert after.expire_date > before.expire_date - timedelta(hours=1)
        assert response.cookies["sessionid"].value == key
        assert "Cookie" in response["Vary"]

    def test_expired_rows_stay_until_clearsessions(self, settings):
        """db: an expired row is not loaded, but only clearsessions deletes it."""
        use(settings, "db")
        session = new_session()
        expire_rows()
        assert reopen(session).load() == {}
        assert Session.objects.count() == 1
        call_command("clearsessions")
        assert Session.objects.count() == 0
