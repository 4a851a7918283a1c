"""
/engines/cached-db/: reads from the cache, writes to both; a lost cache
entry is survived through the row.
"""

import logging
from importlib import import_module
from unittest.mock import patch

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.management import call_command
from django.urls import reverse

from tests.helpers import expire_rows, new_session, reopen, use_engine

pytestmark = pytest.mark.django_db


class TestCachedDatabaseEngine:
    def test_save_writes_row_and_cache(self, settings):
        """cached_db: a save writes the row and puts a copy in the cache."""
        use_engine(settings, "cached_db")
        session = new_session()
        row = Session.objects.get(session_key=session.session_key)
        cached = caches["default"].get(session.cache_key)
        assert row.get_decoded() == cached == {"username": "JohnDoe"}

    def test_cached_read_costs_no_query(self, settings, django_assert_num_queries):
        """cached_db: a read that hits the cache sends no query."""
        use_engine(settings, "cached_db")
        session = new_session()
        with django_assert_num_queries(0):
            assert reopen(session)["username"] == "JohnDoe"

    def test_eviction_is_survived_via_the_row(
        self, client, settings, django_assert_num_queries
    ):
        """cached_db: after eviction, one query reads the row and refills the cache."""
        use_engine(settings, "cached_db")
        client.post(reverse("setitem"), {"key": "username", "value": "JohnDoe"})
        key = client.cookies["sessionid"].value
        response = client.post(reverse("engine_cached_db"))
        assert response.status_code == 302
        cache_key = "django.contrib.sessions.cached_db" + key
        assert caches["default"].get(cache_key) is None
        with django_assert_num_queries(1):
            assert import_module(settings.SESSION_ENGINE).SessionStore(key).load() == {
                "username": "JohnDoe"
            }
        assert caches["default"].get(cache_key) == {"username": "JohnDoe"}

    def test_failed_cache_write_is_only_logged(self, settings, caplog):
        """cached_db: a cache write failing on save is logged; the row is saved."""
        use_engine(settings, "cached_db")
        session = reopen(new_session())
        session["visits"] = 1
        down = ConnectionError("the cache server is down")
        with (
            patch.object(caches["default"], "set", side_effect=down),
            caplog.at_level(logging.ERROR, logger="django.contrib.sessions"),
        ):
            session.save()
        assert "Error saving to cache" in caplog.text
        row = Session.objects.get(session_key=session.session_key)
        assert row.get_decoded() == {"username": "JohnDoe", "visits": 1}

    def test_cache_down_breaks_reads_and_new_sessions(self, settings):
        """cached_db: with the cache down, refilling after a read and creating fail."""
        use_engine(settings, "cached_db")
        session = new_session()
        settings.CACHES = {
            **settings.CACHES,
            "broken": {"BACKEND": "tests.broken_cache.BrokenCache"},
        }
        settings.SESSION_CACHE_ALIAS = "broken"
        with pytest.raises(ConnectionError):
            reopen(session).load()
        with pytest.raises(ConnectionError):
            new_session()

    def test_expired_rows_stay_until_clearsessions(self, settings):
        """cached_db: expired rows are deleted by clearsessions, not before."""
        use_engine(settings, "cached_db")
        new_session()
        expire_rows()
        assert Session.objects.count() == 1
        call_command("clearsessions")
        assert Session.objects.count() == 0
