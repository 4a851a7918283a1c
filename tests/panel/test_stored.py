"""
panel/stored.py: what each engine stored, read without changing anything, and
what the engine's own load() would make of it.
"""

import os
import time
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime, timedelta
from importlib import import_module
from unittest.mock import patch

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sessions_demo.lab.engines import engine_name
from sessions_demo.panel import stored as storage
from tests.helpers import PAGES_OF_ENGINES, new_session, parse, reopen

pytestmark = pytest.mark.django_db


@contextmanager
def no_cache_writes():
    """Fail on any write to the project's caches (local memory or Redis)."""

    def refuse(*args, **kwargs):
        raise AssertionError("the reader wrote to the cache")

    with ExitStack() as stack:
        for backend in {type(cache) for cache in caches.all()}:
            for name in ("set", "add", "touch", "delete", "incr", "set_many", "clear"):
                stack.enter_context(patch.object(backend, name, refuse))
        yield


def file_of(session):
    return os.path.join(settings.SESSION_FILE_PATH, "sessionid" + session.session_key)


def expire(session) -> None:
    """Make a saved session expired in its store, the way time would."""
    engine = engine_name(session)
    if engine in ("db", "cached_db", "user_db"):
        session.get_model_class().objects.filter(
            session_key=session.session_key
        ).update(expire_date=timezone.now() - timedelta(seconds=1))
    if engine in ("cache", "cached_db"):
        session._cache.delete(session.cache_key)
    if engine == "file":
        moment = time.time() - settings.SESSION_COOKIE_AGE - 1
        os.utime(file_of(session), (moment, moment))


class TestLoadedIsWhatLoadGives:
    """`loaded` is Django's own load() result, from the reader's single read."""

    def test_a_live_session(self, engine):
        """A saved, unexpired session: the same data."""
        session = new_session({"colour": "green", "n": 1})
        assert storage.stored(reopen(session))["loaded"] == reopen(session).load()

    def test_a_fixed_expiry_is_kept(self, engine):
        """set_expiry() with a moment travels in the data, as load() returns it."""
        session = new_session(expiry=timedelta(hours=1))
        assert storage.stored(reopen(session))["loaded"] == reopen(session).load()

    def test_an_expired_session_loads_nothing(self, engine):
        """Expired in the store: load() gives {}; the reader says None, no session."""
        if engine == "signed_cookies":
            pytest.skip("a signed cookie expires by its timestamp: see the next test")
        session = new_session()
        expire(session)
        assert storage.stored(reopen(session))["loaded"] is None
        assert reopen(session).load() == {}

    def test_an_old_signed_cookie_loads_nothing(self, settings):
        """signed_cookies: past SESSION_COOKIE_AGE, the reader and load() agree."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
        session = new_session()
        settings.SESSION_COOKIE_AGE = -1  # every timestamp is now too old
        assert storage.stored(reopen(session))["loaded"] is None
        assert reopen(session).load() == {}

    def test_an_unknown_key_loads_nothing(self, engine):
        """A key the store never saw: no session, whatever the engine."""
        store = import_module(settings.SESSION_ENGINE).SessionStore
        unknown = store("x" * 32)
        assert storage.stored(unknown)["loaded"] is None
        assert store("x" * 32).load() == {}

    def test_an_integer_expiry_on_the_file_engine_never_expires(self, settings):
        """file: set_expiry(300) is compared with zero, so an old file still loads."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.file"
        session = new_session(expiry=300)
        expire(session)
        assert storage.stored(reopen(session))["loaded"] == reopen(session).load()
        assert reopen(session).load()["username"] == "JohnDoe"


class TestEveryEngine:
    def test_names_where_and_finds_the_data(self, engine):
        """Each reader finds the saved session and decodes the same data."""
        session = new_session()
        facts = storage.stored(reopen(session))
        assert facts["engine"] == engine
        assert facts["where"] == storage.WHERE[engine]
        assert facts["found"] is True
        decoded = facts["value"] if engine == "cache" else facts["decoded"]
        assert decoded == {"username": "JohnDoe"}

    def test_no_key_means_nothing_stored(self, engine):
        """A store without a session key reports nothing found, and no expiry."""
        session = import_module(settings.SESSION_ENGINE).SessionStore()
        facts = storage.stored(session)
        assert facts["found"] is False
        assert facts["expire_date"] is None

    def test_expiry_is_the_stored_one(self, engine):
        """expire_date is when the store ends the session, about 2 weeks out."""
        session = new_session()
        expiry = storage.stored(reopen(session))["expire_date"]
        expected = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
        assert abs((expiry - expected).total_seconds()) < 5

    def test_reading_writes_nothing(self, engine):
        """Reading sends no write query, writes no cache, creates no file."""
        session = reopen(new_session())
        files = sorted(os.listdir(settings.SESSION_FILE_PATH))
        with CaptureQueriesContext(connection) as queries, no_cache_writes():
            assert storage.stored(session)["found"] is True
        assert all(q["sql"].startswith("SELECT") for q in queries.captured_queries)
        assert sorted(os.listdir(settings.SESSION_FILE_PATH)) == files
        assert session.modified is False


class TestDatabase:
    def test_row_raw_and_decoded(self, settings):
        """db: the row's raw session_data, its decoded form and expire_date."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
        session = new_session()
        row = Session.objects.get(session_key=session.session_key)
        facts = storage.stored(reopen(session))
        assert facts["row"] == {
            "session_key": row.session_key,
            "session_data": row.session_data,
            "expire_date": row.expire_date,
        }
        assert facts["decoded"] == {"username": "JohnDoe"}
        assert facts["expire_date"] == row.expire_date

    def test_missing_row(self, settings):
        """db: a key without a row is reported as not found."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
        session = new_session()
        Session.objects.all().delete()
        facts = storage.stored(reopen(session))
        assert (facts["found"], facts["row"]) == (False, None)


class TestCache:
    @pytest.mark.local_memory
    def test_key_value_and_locmem_expiry(self, settings):
        """cache: the key, the value and the deadline the local-memory cache keeps."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
        session = new_session(expiry=300)
        facts = storage.stored(reopen(session))
        assert facts["cache_key"] == (
            "django.contrib.sessions.cache" + session.session_key
        )
        assert facts["cache_alias"] == "default"
        assert caches["default"].get(facts["cache_key"]) == facts["value"]
        assert facts["cache_expiry_known"] is True
        left = (facts["cache_expiry"] - timezone.now()).total_seconds()
        assert 295 <= left <= 300

    @pytest.mark.redis
    def test_key_and_value_are_in_redis(self, settings):
        """cache: on Redis the entry is a real key, with the session's age as TTL."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
        session = new_session(expiry=300)
        facts = storage.stored(reopen(session))
        client = caches["default"]._cache.get_client(facts["full_cache_key"])
        assert facts["full_cache_key"] == (
            ":1:django.contrib.sessions.cache" + session.session_key
        )
        assert client.exists(facts["full_cache_key"]) == 1
        assert 295 <= client.ttl(facts["full_cache_key"]) <= 300
        assert facts["value"] == {"username": "JohnDoe", "_session_expiry": 300}

    def test_expiry_unknown_for_other_backends(self, settings):
        """cache: a backend that keeps its deadlines to itself is said so."""
        settings.CACHES = {
            **settings.CACHES,
            "db": {
                "BACKEND": "django.core.cache.backends.dummy.DummyCache",
            },
        }
        assert storage._cache_expiry(caches["db"], "k") == (None, False)

    def test_evicted_entry_is_not_found(self, settings):
        """cache: after the entry is gone, nothing is found (the visitor is out)."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
        session = new_session()
        caches["default"].clear()
        facts = storage.stored(reopen(session))
        assert (facts["found"], facts["value"]) == (False, None)


class TestCachedDatabase:
    def test_cache_entry_and_row(self, settings):
        """cached_db: both the cache copy and the row are shown."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
        session = new_session()
        facts = storage.stored(reopen(session))
        assert facts["in_cache"] is True
        assert facts["value"] == facts["decoded"] == {"username": "JohnDoe"}
        assert facts["cache_key"].startswith("django.contrib.sessions.cached_db")
        assert facts["expire_date"] == facts["row"]["expire_date"]

    def test_cache_miss_is_not_refilled(self, settings):
        """cached_db: reading after an eviction does not refill the cache."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
        session = new_session()
        caches["default"].clear()
        facts = storage.stored(reopen(session))
        assert facts["in_cache"] is False
        assert facts["found"] is True
        assert caches["default"].get(facts["cache_key"]) is None


class TestFile:
    def test_path_content_and_mtime_expiry(self, settings):
        """file: the path, raw and decoded content, expiry = mtime + cookie age."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.file"
        session = new_session()
        facts = storage.stored(reopen(session))
        assert facts["path"] == file_of(session)
        with open(file_of(session)) as stored_file:
            assert facts["content"] == stored_file.read()
        assert facts["decoded"] == {"username": "JohnDoe"}
        mtime = datetime.fromtimestamp(os.stat(file_of(session)).st_mtime, tz=UTC)
        assert facts["expire_date"] == mtime + timedelta(
            seconds=settings.SESSION_COOKIE_AGE
        )
        assert facts["server_enforces_expiry"] is True

    def test_expired_file_is_left_alone(self, settings):
        """file: reading an expired file neither deletes nor re-creates it."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.file"
        session = new_session()
        long_ago = time.time() - settings.SESSION_COOKIE_AGE - 60
        os.utime(file_of(session), (long_ago, long_ago))
        files = os.listdir(settings.SESSION_FILE_PATH)
        facts = storage.stored(reopen(session))
        assert facts["expire_date"] < timezone.now()
        assert os.listdir(settings.SESSION_FILE_PATH) == files
        assert os.stat(file_of(session)).st_mtime == pytest.approx(long_ago)

    def test_integer_expiry_is_never_enforced_by_the_file_engine(self, settings):
        """file: with set_expiry(seconds), Django's load() never expires the file."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.file"
        session = new_session(expiry=60)
        long_ago = time.time() - 3600
        os.utime(file_of(session), (long_ago, long_ago))
        facts = storage.stored(reopen(session))
        assert facts["server_enforces_expiry"] is False
        assert facts["expire_date"] < timezone.now()
        assert reopen(session).load() == {"username": "JohnDoe", "_session_expiry": 60}

    def test_traversal_key_is_refused(self, settings):
        """file: a key that would leave the folder is refused, not opened."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.file"
        session = import_module(settings.SESSION_ENGINE).SessionStore("../../etc/x")
        facts = storage.stored(session)
        assert facts["found"] is False
        assert "InvalidSessionKey" in facts["error"]


class TestSignedCookies:
    def test_split_decoded_and_sized(self, settings):
        """signed_cookies: payload, timestamp and signature, decoded, with size."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
        session = new_session()
        facts = storage.stored(reopen(session), "sessionid")
        cookie = session.session_key
        assert facts["cookie"] == cookie
        assert ":".join([facts["payload"], facts["timestamp"], facts["signature"]]) == (
            cookie
        )
        assert facts["decoded"] == {"username": "JohnDoe"}
        assert facts["valid"] is True
        assert abs((facts["signed_at"] - timezone.now()).total_seconds()) < 5
        assert facts["size"] == len("sessionid" + cookie)  # name and value
        assert (facts["limit"], facts["over_limit"]) == (4096, False)

    def test_server_enforces_cookie_age_not_set_expiry(self, settings):
        """signed_cookies: a longer set_expiry() still ends at signing + cookie age."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
        session = new_session(expiry=timedelta(days=60))
        facts = storage.stored(reopen(session))
        age = timedelta(seconds=settings.SESSION_COOKIE_AGE)
        assert facts["server_expiry"] == facts["signed_at"] + age
        assert facts["expire_date"] == facts["server_expiry"]

    def test_tampered_cookie_is_invalid(self, settings):
        """signed_cookies: a changed payload fails the signature check."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
        cookie = new_session().session_key
        forged = "x" + cookie[1:]
        facts = storage.stored(reopen(new_session()).__class__(forged))
        assert facts["valid"] is False
        assert "BadSignature" in facts["error"]

    def test_too_big_cookie_is_flagged(self, settings):
        """signed_cookies: a cookie over 4096 bytes is flagged over the limit."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
        session = new_session({"blob": os.urandom(3000).hex()})
        facts = storage.stored(reopen(session))
        assert facts["size"] > 4096
        assert facts["over_limit"] is True

    def test_the_limit_is_counted_as_browsers_count_it(self):
        """Name and value make the size: 4096 is kept, as Chromium keeps it."""
        # The browser's side of this edge: tests/browser/test_cookie_size.py.
        value = "a" * (storage.COOKIE_LIMIT - len("sessionid"))
        assert storage.cookie_size("sessionid", value) == storage.COOKIE_LIMIT
        assert storage.cookie_size("sessionid", value + "a") > storage.COOKIE_LIMIT


class TestBrokenStore:
    def test_reader_error_is_reported_not_raised(self, settings):
        """A store that raises while being read is reported with the error."""
        settings.CACHES = {
            **settings.CACHES,
            "broken": {"BACKEND": "tests.broken_cache.BrokenCache"},
        }
        settings.SESSION_CACHE_ALIAS = "broken"
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
        session = import_module(settings.SESSION_ENGINE).SessionStore("a" * 32)
        facts = storage.stored(session)
        assert facts["found"] is False
        assert "ConnectionError: the cache server is down" in facts["error"]


class TestPanelStorage:
    def test_panel_shows_what_the_engine_stored(self, client, engine):
        """The panel on every page shows the engine's stored form of the session."""
        client.post(reverse("setitem"), {"key": "username", "value": "JohnDoe"})
        box = parse(client.get(reverse("setitem"))).select_one("#session-panel .stored")
        assert box["data-engine"] == engine
        assert storage.WHERE[engine] in box.get_text()
        assert box.select_one(".stored-facts")
        assert not box.select_one(".stored-none")

    def test_panel_json_storage_field(self, client, engine):
        """/panel/ carries the same storage facts as JSON, and sets no cookie."""
        client.post(reverse("setitem"), {"key": "username", "value": "JohnDoe"})
        response = client.get(reverse("panel"))
        facts = response.json()["storage"]
        assert (facts["engine"], facts["found"]) == (engine, True)
        assert facts["expire_date"].startswith("20")
        assert settings.SESSION_COOKIE_NAME not in response.cookies
        if engine == "signed_cookies":
            assert facts["cookie"] == client.cookies["sessionid"].value
            assert facts["decoded"] == {"username": "JohnDoe"}

    def test_panel_counts_down_from_the_stored_expiry(self, client, engine):
        """The panel's expiry_date is the store's own, for every engine."""
        client.post(reverse("setitem"), {"key": "username", "value": "JohnDoe"})
        data = client.get(reverse("panel")).json()
        panel_expiry = datetime.fromisoformat(data["expiry_date"])
        stored_expiry = datetime.fromisoformat(data["storage"]["expire_date"])
        assert abs((panel_expiry - stored_expiry).total_seconds()) < 0.001

    def test_nothing_stored_yet(self, client, engine):
        """Before the first write, the panel says nothing is stored."""
        box = parse(client.get(reverse("setitem"))).select_one("#session-panel .stored")
        assert "Nothing stored" in box.select_one(".stored-none").get_text()

    def test_stored_values_are_escaped(self, client, engine):
        """Markup stored in the session shows as text in the stored form too."""
        script = "</code><script>alert(1)</script>"
        client.post(reverse("setitem"), {"key": "k", "value": script})
        response = client.get(reverse(PAGES_OF_ENGINES[engine]))
        assert script.encode() not in response.content
        assert script in parse(response).select_one(".explanation .stored").get_text()
