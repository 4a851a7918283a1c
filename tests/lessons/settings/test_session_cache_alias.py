"""
/settings/session-cache-alias/: which cache holds the cache engines'
sessions.
"""

from importlib import import_module

import pytest
from django.contrib.sessions.backends.cache import KEY_PREFIX
from django.core.cache import caches

from sessions_demo.lab.engines import engine_path
from sessions_demo.lab.limits import MAX_SESSION_BYTES, per_minute
from sessions_demo.lessons.settings import SAVES_KEY
from tests.helpers import change_lab, parse, save_session, setting_page, text

pytestmark = pytest.mark.django_db


class TestCacheAlias:
    @pytest.mark.parametrize("engine_name", ["cache", "cached_db"])
    def test_session_lands_in_the_chosen_cache(self, client, engine_name):
        """With cache or cached_db and alias "sessions", only that cache holds it."""
        change_lab(client, engine=engine_name, cache_alias="sessions")
        response = save_session(client, "SESSION_CACHE_ALIAS")
        key = response.cookies["sessionid"].value
        prefix = import_module(engine_path(engine_name)).KEY_PREFIX
        assert caches["sessions"].get(prefix + key) == {SAVES_KEY: 1}
        assert prefix + key not in caches["default"]

    def test_page_names_the_cache_holding_the_key(self, client):
        """The page asks every cache for sessions and marks the one that holds it."""
        change_lab(client, engine="cache", cache_alias="sessions")
        key = save_session(client, "SESSION_CACHE_ALIAS").cookies["sessionid"].value
        shown = setting_page(client, "SESSION_CACHE_ALIAS")
        assert [text(td) for td in shown.select(".cache-holders tr.holds td")] == [
            "sessions",
            "yes",
        ]
        assert text(shown.select_one(".cache-key")) == KEY_PREFIX + key

    @pytest.mark.parametrize("engine_name", ["db", "file", "signed_cookies", "user_db"])
    def test_engines_without_a_cache_ignore_it(self, client, settings, engine_name):
        """db, file, signed_cookies (and user_db) cache nothing, whatever the alias."""
        settings.SESSION_ENGINE = engine_path(engine_name)
        settings.SESSION_CACHE_ALIAS = "sessions"
        key = save_session(client, "SESSION_CACHE_ALIAS").cookies["sessionid"].value
        for alias in settings.CACHES:
            assert KEY_PREFIX + key not in caches[alias]
        shown = setting_page(client, "SESSION_CACHE_ALIAS")
        assert "keeps nothing in a cache" in text(shown.select_one(".cache-none"))

    def test_the_exchange_cache_is_not_a_choice(self, client):
        """The exchange record's cache is neither offered nor accepted for sessions."""
        shown = setting_page(client, "SESSION_CACHE_ALIAS")
        options = [o["value"] for o in shown.select("select[name=cache_alias] option")]
        assert options == ["default", "sessions"]
        response = change_lab(client, engine="cache", cache_alias="exchange")
        assert response.status_code == 400
        assert "No cache is configured as 'exchange'" in parse(response).text

    @pytest.mark.local_memory
    def test_page_states_the_bounds_of_the_session_caches(self, client, settings):
        """The page states each cache's MAX_ENTRIES, the session size and rate."""
        bounds = text(setting_page(client, "SESSION_CACHE_ALIAS").select_one(".bounds"))
        for alias in ("default", "sessions"):
            entries = settings.CACHES[alias]["OPTIONS"]["MAX_ENTRIES"]
            assert f"at most {entries:,} sessions" in bounds
        assert f"at most {MAX_SESSION_BYTES:,} bytes" in bounds
        assert f"at most {per_minute()} sessions a minute" in bounds

    @pytest.mark.redis
    def test_page_states_what_bounds_redis(self, client):
        """On Redis, the page states the rate and the eviction policy to set."""
        bounds = text(setting_page(client, "SESSION_CACHE_ALIAS").select_one(".bounds"))
        assert f"at most {per_minute()} sessions a minute" in bounds
        assert "noeviction" in bounds
