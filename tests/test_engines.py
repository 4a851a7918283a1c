"""The engine pages: each engine's storage, costs and warnings, on real sessions."""

import base64
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
import zlib
from datetime import timedelta
from importlib import import_module
from pathlib import Path
from unittest.mock import patch

import pytest
from django.conf import settings
from django.contrib.sessions.backends.cache import SessionStore as CacheStore
from django.contrib.sessions.backends.file import SessionStore as FileStore
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sessions_demo import exchange
from sessions_demo.engines import engine_path
from sessions_demo.lessons.engines import PADDING
from sessions_demo.storage import COOKIE_LIMIT

from . import backends
from .conftest import parse
from .test_storage import PAGES_OF_ENGINES as PAGES
from .test_storage import new_session, reopen

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


def use(settings, engine):
    settings.SESSION_ENGINE = engine_path(engine)


def store(client, engine, key="username", value="JohnDoe"):
    """Run the db/file pages' try-it: store key = value."""
    return client.post(reverse(PAGES[engine]), {"key": key, "value": value})


def age_file(session, seconds):
    """Move a session file's modification time into the past."""
    name = os.path.join(settings.SESSION_FILE_PATH, "sessionid" + session.session_key)
    moment = time.time() - seconds
    os.utime(name, (moment, moment))
    return name


def expire_rows():
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))


def outcome(response) -> str:
    return parse(response).select_one(".outcome").get_text(" ", strip=True)


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


class TestCacheEngine:
    def test_no_database_queries(self, client, settings, django_assert_num_queries):
        """cache: creating, saving and loading a session sends no query."""
        use(settings, "cache")
        with django_assert_num_queries(0):
            session = new_session()
            assert reopen(session)["username"] == "JohnDoe"
        assert Session.objects.count() == 0

    def test_cache_timeout_is_the_expiry_age(self, settings):
        """cache: the entry's timeout is the session's expiry age."""
        use(settings, "cache")
        cache = caches["default"]
        with patch.object(cache, "add", wraps=cache.add) as add:
            session = new_session(expiry=300)
        key, value, timeout = add.call_args.args
        assert key == "django.contrib.sessions.cache" + session.session_key
        assert (value, timeout) == (
            {"username": "JohnDoe", "_session_expiry": 300},
            300,
        )

    def test_eviction_ends_the_session(self, client, settings):
        """cache: after the entry is evicted, the next request has no session."""
        use(settings, "cache")
        client.post(reverse("setitem"), {"key": "username", "value": "JohnDoe"})
        response = client.post(reverse("engine_cache"))
        assert response.status_code == 302
        page = client.get(response.url)
        assert ".delete('django.contrib.sessions.cache" in outcome(page)
        assert "username" not in client.session
        data = client.get(reverse("panel")).json()
        assert (data["session_key"], data["data"]) == (None, {})

    def test_evict_without_a_cache_entry_is_explained(self, client, settings):
        """cache: on an engine without a cache entry, evicting explains, not fails."""
        use(settings, "db")
        store(client, "db")
        response = client.post(reverse("engine_cache"), follow=True)
        assert "Your session has no cache entry" in outcome(response)
        assert client.session["username"] == "JohnDoe"

    def test_full_local_memory_cache_drops_the_oldest(self, settings):
        """cache: a full LocMemCache (300 entries by default) culls the oldest."""
        assert caches["default"]._max_entries == 300
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "tiny",
                "OPTIONS": {"MAX_ENTRIES": 3},
            }
        }
        use(settings, "cache")
        sessions = [new_session({"n": n}) for n in range(4)]
        assert reopen(sessions[0]).load() == {}
        assert [reopen(s).load() for s in sessions[1:]] == [
            {"n": 1},
            {"n": 2},
            {"n": 3},
        ]

    @pytest.mark.local_memory
    def test_local_memory_is_per_process(self, settings):
        """cache: another process with the same settings does not see the session."""
        use(settings, "cache")
        session = new_session()
        code = (
            "import django; django.setup();"
            "from django.core.cache import caches;"
            f"print(caches['default'].get({CacheStore.cache_key_prefix!r}"
            f" + {session.session_key!r}))"
        )
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
        result = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True
        )
        assert result.stdout.decode().strip() == "None", result.stderr
        assert reopen(session)["username"] == "JohnDoe"

    @pytest.mark.redis
    def test_redis_is_shared_by_every_process(self, settings):
        """cache: on Redis, another process (another worker) reads the session."""
        use(settings, "cache")
        session = new_session()
        code = (
            "import django; django.setup();"
            "from django.core.cache import caches;"
            f"print(caches['default'].get({CacheStore.cache_key_prefix!r}"
            f" + {session.session_key!r}))"
        )
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
        result = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True
        )
        assert result.stdout.decode().strip() == "{'username': 'JohnDoe'}", (
            result.stderr
        )

    def test_nothing_for_clearsessions_to_do(self, settings):
        """cache: clear_expired() does nothing; the cache expires entries itself."""
        use(settings, "cache")
        session = new_session()
        with patch.object(caches["default"], "delete") as delete:
            call_command("clearsessions")
        delete.assert_not_called()
        assert reopen(session)["username"] == "JohnDoe"

    def test_expiry_not_knowable_beyond_local_memory(self, client, settings, tmp_path):
        """cache: with another backend, the panel says the cache's expiry is unknown."""
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str(tmp_path / "cache"),
            }
        }
        use(settings, "cache")
        client.post(reverse("setitem"), {"key": "username", "value": "JohnDoe"})
        facts = client.get(reverse("panel")).json()["storage"]
        assert (facts["found"], facts["cache_expiry_known"]) == (True, False)
        page = parse(client.get(reverse("engine_cache")))
        assert "not knowable" in page.select_one(".explanation .stored").get_text()


class TestCachedDatabaseEngine:
    def test_save_writes_row_and_cache(self, settings):
        """cached_db: a save writes the row and puts a copy in the cache."""
        use(settings, "cached_db")
        session = new_session()
        row = Session.objects.get(session_key=session.session_key)
        cached = caches["default"].get(session.cache_key)
        assert row.get_decoded() == cached == {"username": "JohnDoe"}

    def test_cached_read_costs_no_query(self, settings, django_assert_num_queries):
        """cached_db: a read that hits the cache sends no query."""
        use(settings, "cached_db")
        session = new_session()
        with django_assert_num_queries(0):
            assert reopen(session)["username"] == "JohnDoe"

    def test_eviction_is_survived_via_the_row(
        self, client, settings, django_assert_num_queries
    ):
        """cached_db: after eviction, one query reads the row and refills the cache."""
        use(settings, "cached_db")
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
        use(settings, "cached_db")
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
        use(settings, "cached_db")
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
        use(settings, "cached_db")
        new_session()
        expire_rows()
        assert Session.objects.count() == 1
        call_command("clearsessions")
        assert Session.objects.count() == 0


class TestFileEngine:
    def test_one_file_per_session(self, client, settings):
        """file: each session is a file named cookie name + key, in the folder."""
        use(settings, "file")
        store(client, "file")
        first = client.cookies["sessionid"].value
        client.cookies.clear()
        store(client, "file")
        second = client.cookies["sessionid"].value
        assert sorted(os.listdir(settings.SESSION_FILE_PATH)) == sorted(
            ["sessionid" + first, "sessionid" + second]
        )
        session = import_module(settings.SESSION_ENGINE).SessionStore(first)
        with open(os.path.join(settings.SESSION_FILE_PATH, "sessionid" + first)) as f:
            assert session.decode(f.read()) == {"username": "JohnDoe"}

    def test_django_default_folder_is_the_temp_folder(self, settings):
        """file: without SESSION_FILE_PATH, Django uses the system's temp folder."""
        settings.SESSION_FILE_PATH = None
        assert FileStore._get_storage_path() == tempfile.gettempdir()

    def test_missing_folder_gets_an_explanatory_503(self, settings, tmp_path):
        """file: a missing folder answers 503 with the folder named, never a 500."""
        use(settings, "file")
        settings.SESSION_FILE_PATH = str(tmp_path / "removed")
        response = Client(raise_request_exception=False).get(reverse("engine_file"))
        assert response.status_code == 503
        assert (
            settings.SESSION_FILE_PATH
            in parse(response).select_one(".what-failed").get_text()
        )

    def test_expiry_counts_from_the_modification_time(self, settings):
        """file: a file older than SESSION_COOKIE_AGE is expired, a younger one not."""
        use(settings, "file")
        session = new_session()
        age_file(session, settings.SESSION_COOKIE_AGE - 60)
        assert reopen(session).load() == {"username": "JohnDoe"}
        age_file(session, settings.SESSION_COOKIE_AGE + 60)
        assert reopen(session).load() == {}

    def test_integer_expiry_never_expires_the_file(self, settings):
        """file: with set_expiry(60), a file an hour old still loads on the server."""
        use(settings, "file")
        session = new_session(expiry=60)
        age_file(session, 3600)
        assert reopen(session).load() == {"username": "JohnDoe", "_session_expiry": 60}

    def test_loading_an_expired_file_deletes_it(self, settings):
        """file: loading an expired session deletes its file."""
        use(settings, "file")
        session = new_session()
        name = age_file(session, settings.SESSION_COOKIE_AGE + 60)
        store = reopen(session)
        store.create = lambda: None  # as clearsessions does: no new file
        store.load()
        assert not os.path.exists(name)

    def test_expired_files_stay_until_clearsessions(self, settings):
        """file: an expired file nobody loads stays until clearsessions."""
        use(settings, "file")
        session = new_session()
        name = age_file(session, settings.SESSION_COOKIE_AGE + 60)
        assert os.path.exists(name)
        call_command("clearsessions")
        assert not os.path.exists(name)


class TestSignedCookiesEngine:
    def test_nothing_is_stored_on_the_server(self, client, settings):
        """signed_cookies: no row, no file, no cache entry; the cookie is the data."""
        use(settings, "signed_cookies")
        client.post(reverse("setitem"), {"key": "username", "value": "JohnDoe"})
        assert Session.objects.count() == 0
        assert os.listdir(settings.SESSION_FILE_PATH) == []
        # The course's own record of the HTTP exchange is in the cache; nothing else.
        entries = [key for cache in caches.all() for key in backends.keys(cache)]
        assert [key for key in entries if exchange.CACHE_KEY_PREFIX not in key] == []
        assert client.session["username"] == "JohnDoe"

    def test_payload_is_readable_without_the_key(self, client, settings):
        """signed_cookies: base64 and zlib alone reveal the data: no secret needed."""
        use(settings, "signed_cookies")
        client.post(reverse("setitem"), {"key": "secret", "value": "hunter2" * 5})
        payload = client.cookies["sessionid"].value.split(":")[0]
        raw = base64.urlsafe_b64decode(payload.lstrip(".") + "==")
        data = zlib.decompress(raw) if payload.startswith(".") else raw
        assert json.loads(data) == {"secret": "hunter2" * 5}

    def test_tampered_cookie_starts_afresh(self, client, settings):
        """signed_cookies: a changed cookie fails the signature: empty session."""
        use(settings, "signed_cookies")
        client.post(reverse("setitem"), {"key": "is_admin", "value": "false"})
        cookie = client.cookies["sessionid"].value
        forged = base64.urlsafe_b64encode(b'{"is_admin":true}').decode().rstrip("=")
        client.cookies["sessionid"] = forged + cookie[cookie.index(":") :]
        data = client.get(reverse("panel")).json()
        assert data["data"] == {}
        assert data["storage"]["valid"] is False

    def test_old_cookie_still_works_after_flush(self, client, settings):
        """signed_cookies: after flush() a copied cookie still carries the session."""
        use(settings, "signed_cookies")
        client.post(reverse("setitem"), {"key": "username", "value": "JohnDoe"})
        stolen = client.cookies["sessionid"].value
        response = client.get(reverse("delete_session"))
        assert response.cookies["sessionid"].value == ""
        client.cookies["sessionid"] = stolen
        assert client.get(reverse("panel")).json()["data"] == {"username": "JohnDoe"}

    def test_server_enforces_only_the_cookie_age(self, settings):
        """signed_cookies: a 60-day set_expiry still ends at signing + cookie age."""
        use(settings, "signed_cookies")
        signed_long_ago = time.time() - settings.SESSION_COOKIE_AGE - 60
        with patch("django.core.signing.time.time", return_value=signed_long_ago):
            session = new_session(expiry=timedelta(days=60))
            session._session_key = session._get_session_key()
        assert reopen(session).load() == {}

    def test_grow_refuses_past_the_browser_limit(self, client, settings):
        """signed_cookies: the try-it grows the cookie, and refuses past 4096 bytes."""
        use(settings, "signed_cookies")
        url = reverse("engine_signed_cookies")
        response = client.post(url, {"characters": "1000"})
        assert response.status_code == 302
        size = len("sessionid=" + response.cookies["sessionid"].value)
        assert 1000 < size < COOKIE_LIMIT
        for _ in range(2):
            client.post(url, {"characters": "1000"})
        before = client.cookies["sessionid"].value
        response = client.post(url, {"characters": "1000"})
        assert response.status_code == 400
        assert "over the 4096 bytes browsers keep" in outcome(response)
        assert "sessionid" not in response.cookies
        assert client.cookies["sessionid"].value == before
        assert len(client.session[PADDING]) == 3000

    @pytest.mark.parametrize("characters", ["0", "2001", "true", "x"])
    def test_grow_rejects_bad_numbers(self, client, settings, characters):
        """signed_cookies: the size must be a whole number from 1 to 2000."""
        use(settings, "signed_cookies")
        response = client.post(
            reverse("engine_signed_cookies"), {"characters": characters}
        )
        assert response.status_code == 400
        assert parse(response).select_one(".try-it .errorlist")
        assert "sessionid" not in response.cookies


@pytest.mark.parametrize("engine", PAGES)
class TestEnginePages:
    def test_shows_the_visitors_session_as_stored(self, client, settings, engine):
        """Each page shows the visitor's session as their engine stored it."""
        use(settings, engine)
        client.post(reverse("setitem"), {"key": "username", "value": "JohnDoe"})
        page = parse(client.get(reverse(PAGES[engine])))
        box = page.select_one(".explanation .stored")
        assert box["data-engine"] == engine
        assert "JohnDoe" in box.get_text()
        assert f"You are on {engine}:" in page.select_one(".engine-status").get_text()
        assert not page.select_one(".engine-switch")

    def test_offers_the_lab_switch_for_another_engine(self, client, settings, engine):
        """On another engine's page, one button posts engine and next to /lab/."""
        other = next(name for name in PAGES if name != engine)
        use(settings, other)
        page = parse(client.get(reverse(PAGES[engine])))
        form = page.select_one("form.engine-switch")
        assert (form["method"], form["action"]) == ("post", "/lab/")
        fields = {field["name"]: field.get("value") for field in form.select("input")}
        assert fields["engine"] == engine
        assert fields["next"] == reverse(PAGES[engine])
        assert fields["csrfmiddlewaretoken"]
        assert len(form.select("button")) == 1
