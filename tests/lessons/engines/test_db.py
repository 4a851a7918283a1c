"""
/engines/db/: one row per session in django_session, signed data and an
expiry date, and what each request costs.
"""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.helpers import (
    expire_rows,
    new_session,
    reopen,
    store_on_engine_page,
    use_engine,
)

pytestmark = pytest.mark.django_db


class TestDatabaseEngine:
    def test_one_row_with_signed_data_and_expiry(self, client, settings):
        """db: one row holds the key, the signed data and the expiry date."""
        use_engine(settings, "db")
        response = store_on_engine_page(client, "db")
        key = response.cookies["sessionid"].value
        row = Session.objects.get(session_key=key)
        assert Session.objects.count() == 1
        assert "JohnDoe" not in row.session_data  # base64, not plain JSON
        assert row.get_decoded() == {"username": "JohnDoe"}
        left = (row.expire_date - timezone.now()).total_seconds()
        assert settings.SESSION_COOKIE_AGE - 5 < left <= settings.SESSION_COOKIE_AGE

    def test_a_read_costs_one_select(self, settings, django_assert_num_queries):
        """db: loading a session is one query; a store that is never read, none."""
        use_engine(settings, "db")
        session = new_session()
        with django_assert_num_queries(1):
            assert reopen(session)["username"] == "JohnDoe"
        with django_assert_num_queries(0):
            reopen(session)

    def test_save_is_an_insert_then_updates(self, settings):
        """db: a new session is an INSERT; saving it again is an UPDATE."""
        use_engine(settings, "db")
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
        use_engine(settings, "db")
        store_on_engine_page(client, "db", "a", "1")
        key = client.cookies["sessionid"].value
        before = Session.objects.get(session_key=key)
        Session.objects.update(expire_date=before.expire_date - timedelta(hours=1))
        response = store_on_engine_page(client, "db", "b", "2")
        after = Session.objects.get(session_key=key)
        assert response.status_code == 302
        assert after.session_data != before.session_data
        assert after.get_decoded() == {"a": 1, "b": 2}
        assert after.expire_date > before.expire_date - timedelta(hours=1)
        assert response.cookies["sessionid"].value == key
        assert "Cookie" in response["Vary"]

    def test_expired_rows_stay_until_clearsessions(self, settings):
        """db: an expired row is not loaded, but only clearsessions deletes it."""
        use_engine(settings, "db")
        session = new_session()
        expire_rows()
        assert reopen(session).load() == {}
        assert Session.objects.count() == 1
        call_command("clearsessions")
        assert Session.objects.count() == 0
