"""
/engines/db/: one row per session in django_session, signed data and an
expiry date, and what each request costs.
"""

import base64
import json
import time
import zlib
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core import signing
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

    def test_data_is_json_zlib_base64_then_timestamp_and_signature(self, settings):
        """db: session_data is signing.dumps(): payload:timestamp:signature."""
        use_engine(settings, "db")
        session = new_session({"username": "JohnDoe" * 20})  # long: it compresses
        data = Session.objects.get(session_key=session.session_key).session_data
        payload, timestamp, signature = data.split(":")
        assert payload.startswith(".")  # compressed, because that was shorter
        raw = zlib.decompress(base64.urlsafe_b64decode(payload[1:] + "=="))
        assert json.loads(raw) == {"username": "JohnDoe" * 20}
        assert signing.b62_decode(timestamp) == pytest.approx(time.time(), abs=5)
        assert session.decode(data) == {"username": "JohnDoe" * 20}
        forged = payload + ":" + timestamp + ":" + signature[::-1]
        assert session.decode(forged) == {}  # the signature is checked

    def test_a_read_costs_one_select(self, settings, django_assert_num_queries):
        """db: loading a session is one query; a store that is never read, none."""
        use_engine(settings, "db")
        session = new_session()
        with CaptureQueriesContext(connection) as queries:
            assert reopen(session)["username"] == "JohnDoe"
        (read,) = [q["sql"] for q in queries]
        assert read.startswith(
            'SELECT "django_session"."session_key", "django_session"."session_data",'
            ' "django_session"."expire_date" FROM "django_session" WHERE'
        )
        assert '"expire_date" >' in read and '"session_key" =' in read
        with django_assert_num_queries(0):
            reopen(session)

    def test_without_a_cookie_reading_costs_nothing(
        self, settings, django_assert_num_queries
    ):
        """db: a visitor without a session cookie is read without a query."""
        use_engine(settings, "db")
        session = type(new_session())()
        with django_assert_num_queries(0):
            assert session.get("username") is None

    def test_save_is_an_insert_then_updates(self, settings):
        """db: a new session is a SELECT then an INSERT; saving again, an UPDATE."""
        use_engine(settings, "db")
        with CaptureQueriesContext(connection) as queries:
            session = new_session()
        created = [q["sql"].split()[0] for q in queries if "django_session" in q["sql"]]
        assert created == ["SELECT", "INSERT"]  # is the new key free? then store
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
