"""
/engines/cache/: sessions in the cache only; no queries, a timeout as the
expiry, and gone when the cache forgets.
"""

import os
import subprocess
import sys
from contextlib import contextmanager
from unittest.mock import patch

import pytest
from django.contrib.sessions.backends.cache import SessionStore as CacheStore
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from sessions_demo.lab.caches import CacheFull
from sessions_demo.lab.limits import MAX_SESSION_BYTES, per_minute
from tests.helpers import (
    ROOT,
    change_lab,
    new_session,
    outcome,
    panel_json,
    parse,
    reopen,
    set_item,
    store_on_engine_page,
    text,
    use_engine,
)

pytestmark = pytest.mark.django_db


def read_in_another_process(session) -> subprocess.CompletedProcess:
    """Print what a fresh Python process finds in the cache for session."""
    code = (
        "import django; django.setup();"
        "from django.core.cache import caches;"
        f"print(caches['default'].get({CacheStore.cache_key_prefix!r}"
        f" + {session.session_key!r}))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )


@contextmanager
def redis_full():
    """Give the run's Redis less memory than it uses, with noeviction, for a while."""
    server = caches["default"]._cache.get_client(write=True)
    server.config_set("maxmemory-policy", "noeviction")
    server.config_set("maxmemory", server.info("memory")["used_memory"] // 2)
    try:
        yield
    finally:
        server.config_set("maxmemory", 0)


def read(visitor, key: str) -> str:
    """Read key through the get lesson; return its result line."""
    page = visitor.get(reverse("get"), {"run": "1", "key": key})
    return parse(page).select_one(".outcome-line").get_text()


class TestCacheEngine:
    def test_no_database_queries(self, client, settings, django_assert_num_queries):
        """cache: creating, saving and loading a session sends no query."""
        use_engine(settings, "cache")
        with django_assert_num_queries(0):
            session = new_session()
            assert reopen(session)["username"] == "JohnDoe"
        assert Session.objects.count() == 0

    def test_cache_timeout_is_the_expiry_age(self, settings):
        """cache: the entry's timeout is the session's expiry age."""
        use_engine(settings, "cache")
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
        use_engine(settings, "cache")
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
        use_engine(settings, "db")
        store_on_engine_page(client, "db")
        response = client.post(reverse("engine_cache"), follow=True)
        assert "Your session has no cache entry" in outcome(response)
        assert client.session["username"] == "JohnDoe"

    def test_full_local_memory_cache_drops_the_oldest(self, settings):
        """cache: a full LocMemCache (300 entries) culls a third, least recent first."""
        djangos = LocMemCache("djangos-default", {})
        assert djangos._max_entries == 300
        assert djangos._cull_frequency == 3
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "tiny",
                "OPTIONS": {"MAX_ENTRIES": 6},
            }
        }
        use_engine(settings, "cache")
        sessions = [new_session({"n": n}) for n in range(6)]
        assert reopen(sessions[0]).load() == {"n": 0}  # read: now the most recent
        sessions.append(new_session({"n": 6}))  # full: 6 // 3 = 2 entries go
        alive = [n for n, s in enumerate(sessions) if reopen(s).load()]
        assert alive == [0, 3, 4, 5, 6]  # 1 and 2 were the least recently used

    @pytest.mark.local_memory
    def test_local_memory_is_per_process(self, settings):
        """cache: another process with the same settings does not see the session."""
        use_engine(settings, "cache")
        session = new_session()
        result = read_in_another_process(session)
        assert result.stdout.strip() == "None", result.stderr
        assert reopen(session)["username"] == "JohnDoe"

    @pytest.mark.redis
    def test_redis_is_shared_by_every_process(self, settings):
        """cache: on Redis, another process (another worker) reads the session."""
        use_engine(settings, "cache")
        session = new_session()
        result = read_in_another_process(session)
        assert result.stdout.strip() == "{'username': 'JohnDoe'}", result.stderr

    def test_nothing_for_clearsessions_to_do(self, settings):
        """cache: clear_expired() does nothing; the cache expires entries itself."""
        use_engine(settings, "cache")
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
        use_engine(settings, "cache")
        client.post(reverse("setitem"), {"key": "username", "value": "JohnDoe"})
        facts = client.get(reverse("panel")).json()["storage"]
        assert (facts["found"], facts["cache_expiry_known"]) == (True, False)
        page = parse(client.get(reverse("engine_cache")))
        assert "not knowable" in page.select_one(".explanation .stored").get_text()


class TestTheCoursesBounds:
    @pytest.mark.local_memory
    def test_page_states_the_bounds_the_settings_set(self, client, settings):
        """The page states MAX_ENTRIES, the session size and the rate in force."""
        bounds = text(parse(client.get(reverse("engine_cache"))).select_one(".bounds"))
        entries = settings.CACHES[settings.SESSION_CACHE_ALIAS]["OPTIONS"][
            "MAX_ENTRIES"
        ]
        assert f"at most {entries:,} sessions" in bounds
        assert f"at most {MAX_SESSION_BYTES:,} bytes" in bounds
        assert f"at most {per_minute()} sessions a minute" in bounds
        assert "a full one refuses a new cache session with a 429 page" in bounds
        assert "a new cached_db session is then kept as a row only" in bounds

    @pytest.mark.redis
    def test_page_states_what_bounds_redis(self, client):
        """On Redis, the page states the rate, the size, and the policy to set."""
        bounds = text(parse(client.get(reverse("engine_cache"))).select_one(".bounds"))
        assert f"at most {per_minute()} sessions a minute" in bounds
        assert f"at most {MAX_SESSION_BYTES:,} bytes" in bounds
        assert "noeviction" in bounds

    @pytest.mark.redis
    def test_a_full_redis_refuses_writes(self):
        """noeviction: cache gets the 503 page; cached_db saves rows it cannot show."""
        # Server errors come back as pages, as a browser sees them.
        on_cache, on_cached_db, newcomer = (
            Client(raise_request_exception=False) for _ in range(3)
        )
        for visitor, engine in [(on_cache, "cache"), (on_cached_db, "cached_db")]:
            change_lab(visitor, engine=engine)
            set_item(visitor, "a", "1")
        change_lab(newcomer, engine="cached_db")
        with redis_full():
            assert set_item(on_cache, "b", "2").status_code == 503
            assert set_item(on_cached_db, "b", "2").status_code == 302
            hidden = read(on_cached_db, "b")
            assert set_item(newcomer, "a", "1").status_code == 302
            unread = newcomer.get(reverse("get"), {"run": "1", "key": "a"})
        assert panel_json(on_cache)["data"] == {"a": 1}  # kept as it was
        key = on_cached_db.cookies["sessionid"].value
        assert Session.objects.get(pk=key).get_decoded() == {"a": 1, "b": 2}
        assert hidden.endswith("→ None")  # the old cached copy answers
        assert unread.status_code == 503  # no copy, and no room to cache one

    def test_session_caches_refuse_rather_than_evict(self, settings):
        """cache: the course's full session cache refuses a new key, keeps the rest."""
        settings.CACHES = {
            **settings.CACHES,
            "default": {
                "BACKEND": "sessions_demo.lab.caches.NoEvictionCache",
                "LOCATION": "tiny-course",
                "OPTIONS": {"MAX_ENTRIES": 3},
            },
        }
        use_engine(settings, "cache")
        sessions = [new_session({"n": n}) for n in range(3)]
        with pytest.raises(CacheFull):
            new_session({"n": 3})
        assert [reopen(s).load() for s in sessions] == [{"n": n} for n in range(3)]
