"""
/engines/several-workers/: a session in one process's local memory is not
there for another process; on Redis every process reads it.
"""

import pytest
from django.contrib.sessions.backends.cache import SessionStore as CacheStore
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.urls import reverse

from sessions_demo.lessons import another_worker
from tests.helpers import change_lab, outcome, set_item

pytestmark = pytest.mark.django_db


def ask(client):
    """Press "Ask another worker"; return the Result it shows."""
    response = client.post(reverse("several_workers"))
    assert response.status_code == 302
    return outcome(client.get(response.url))


@pytest.fixture
def on_the_cache_engine(client):
    change_lab(client, engine="cache")
    set_item(client, "cart", "apples")


class TestThePage:
    def test_names_the_cache_of_the_visitors_engine(self, client):
        """On cache the page names its cache and class; on db, that there is none."""
        page = client.get(reverse("several_workers")).content.decode()
        assert "Your engine keeps no cache" in page
        change_lab(client, engine="cache", cache_alias="sessions")
        backend = type(caches["sessions"])
        page = client.get(reverse("several_workers")).content.decode()
        assert (
            "Your engine keeps sessions in the cache <code>sessions</code>, a "
            f"<code>{backend.__module__}.{backend.__qualname__}</code>"
        ) in page


class TestAnotherWorker:
    @pytest.mark.local_memory
    def test_local_memory_is_not_shared_by_another_process(
        self, client, on_the_cache_engine
    ):
        """On LocMemCache, this process finds the session and a second one None."""
        result = ask(client)
        assert "this process: caches['default'].get(...) → {'cart': 'apples'}" in result
        assert "another process: caches['default'].get(...) → None" in result

    @pytest.mark.redis
    def test_redis_is_shared_by_another_process(self, client, on_the_cache_engine):
        """On Redis, the second process finds the same session data."""
        result = ask(client)
        assert "another process: caches['default'].get(...) → {'cart': 'apples'}" in (
            result
        )

    def test_without_a_cache_entry_there_is_nothing_to_ask(self, client):
        """On db there is no cache entry: the page says so, and starts no process."""
        set_item(client)
        assert "Your session has no cache entry" in ask(client)

    def test_one_question_every_two_seconds(
        self, client, on_the_cache_engine, monkeypatch
    ):
        """A second press within 2 s is refused with a 429: each starts a process."""
        # The second process is not the point here, and a slow one would let
        # the 2 s pass: answer at once.
        monkeypatch.setattr(another_worker, "read_cache", lambda alias, key: None)
        ask(client)
        response = client.post(reverse("several_workers"))
        assert response.status_code == 429
        assert response["Retry-After"] == "2"
        assert "One run every 2 seconds" in response.content.decode()

    @pytest.mark.local_memory
    def test_a_full_cache_refuses_the_question(self, client, full_default_cache):
        """When the full cache cannot count the press: a 429 saying so, not a 500."""
        set_item(client)
        response = client.post(reverse("several_workers"))
        assert response.status_code == 429
        assert "the cache holds its maximum of 1 entries" in outcome(response)
        assert full_default_cache.get("someone-elses-session") == "kept"

    def test_asking_changes_nothing(self, client, on_the_cache_engine):
        """Reading the entry in two processes writes no cache and sends no cookie."""
        key = CacheStore.cache_key_prefix + client.cookies["sessionid"].value
        before = caches["default"].get(key)
        response = client.post(reverse("several_workers"))
        assert "sessionid" not in response.cookies
        assert caches["default"].get(key) == before


class TestAWorkerWithoutTheEntry:
    def test_one_miss_loses_the_session_for_good(self, client, on_the_cache_engine):
        """cache: a worker without the entry deletes the cookie; the data is lost."""
        key = CacheStore.cache_key_prefix + client.cookies["sessionid"].value
        kept = caches["default"].get(key)
        caches["default"].delete(key)  # the next worker's memory holds nothing
        response = client.get(reverse("get"), {"key": "cart"})
        assert "→ None" in outcome(response)
        assert response.cookies["sessionid"]["max-age"] == 0
        caches["default"].set(key, kept)  # the first worker still holds it
        response = client.get(reverse("get"), {"key": "cart"})
        assert "→ None" in outcome(response)  # the browser has no key to send


class TestCachedDbOnLocalMemory:
    @pytest.fixture
    def two_workers(self, settings):
        """Give two pretend workers a local-memory cache each, and one database."""
        memory = "django.core.cache.backends.locmem.LocMemCache"
        settings.CACHES = {
            **settings.CACHES,
            "worker-a": {"BACKEND": memory, "LOCATION": "worker-a"},
            "worker-b": {"BACKEND": memory, "LOCATION": "worker-b"},
        }

        def on(worker: str, key: str | None = None) -> CachedDBStore:
            settings.SESSION_CACHE_ALIAS = f"worker-{worker}"  # read by __init__
            return CachedDBStore(key)

        return on

    def test_another_worker_finds_the_session_but_keeps_an_old_copy(self, two_workers):
        """cached_db: B loads A's session from the database, then serves it stale."""
        first = two_workers("a")
        first["cart"] = ["apples"]
        first.save()
        key = first.session_key
        assert two_workers("b", key)["cart"] == ["apples"]  # not lost: the row
        changed = two_workers("a", key)
        changed["cart"] = ["pears"]
        changed.save()
        assert Session.objects.get(pk=key).get_decoded()["cart"] == ["pears"]
        assert two_workers("b", key)["cart"] == ["apples"]  # B's own, old copy
