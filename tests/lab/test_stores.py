"""
lab/stores.py: session stores bound to a profile store exactly what the
engine would store under those settings.
"""

import asyncio
import os
from dataclasses import replace

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import caches
from django.urls import reverse

from sessions_demo.lab.engines import engine_path
from sessions_demo.lab.profile import (
    Profile,
)
from sessions_demo.lab.stores import store_class
from tests.helpers import change_lab, panel_json, parse, set_item

pytestmark = pytest.mark.django_db


class TestBoundStores:
    def test_cache_alias_choice_decides_the_cache(self, client):
        """With SESSION_CACHE_ALIAS = 'sessions', the key lands in that cache only."""
        change_lab(client, engine="cache", cache_alias="sessions")
        set_item(client, "colour", "green")
        key = "django.contrib.sessions.cache" + client.cookies["sessionid"].value
        assert caches["sessions"].get(key) == {"colour": "green"}
        assert caches["default"].get(key) is None

    def test_exchange_records_cache_is_not_offered(self, client):
        """The exchange record's own cache is never a choice for sessions."""
        options = parse(client.get(reverse("lab"))).select(
            "select[name=cache_alias] option"
        )
        assert [o["value"] for o in options] == ["default", "sessions"]
        response = change_lab(client, engine="cache", cache_alias="exchange")
        assert response.status_code == 400
        assert "No cache is configured as 'exchange'" in parse(response).text
        assert panel_json(client)["engine"] == "db"

    def test_file_path_choice_decides_the_folder(self, client, settings, tmp_path):
        """The file engine writes into the picked folder, files named by the cookie."""
        settings.LAB_SESSION_FILE_PATHS = [str(tmp_path)]
        change_lab(client, engine="file", file_path=str(tmp_path), cookie_name="labsid")
        set_item(client, "colour", "green")
        key = client.cookies["labsid"].value
        assert (tmp_path / f"labsid{key}").is_file()
        assert os.listdir(settings.SESSION_FILE_PATH) == []

    def test_file_clear_expired_uses_the_profiles_prefix(self, settings):
        """clear_expired() removes expired files named after the profile's cookie."""
        profile = replace(
            Profile.from_settings(), engine=engine_path("file"), cookie_name="labsid"
        )
        store = store_class(profile)()
        store["colour"] = "green"
        store.set_expiry(-1)
        store.save()
        path = os.path.join(settings.SESSION_FILE_PATH, "labsid" + store.session_key)
        assert os.path.exists(path)
        store_class(profile).clear_expired()
        assert not os.path.exists(path)

    def test_async_browser_close_follows_the_profile(self):
        """aget_expire_at_browser_close() reads the profile, as the sync one does."""
        profile = replace(Profile.from_settings(), expire_at_browser_close=True)
        store = store_class(profile)()
        assert store.get_expire_at_browser_close() is True
        assert asyncio.run(store.aget_expire_at_browser_close()) is True

    def test_stores_keep_djangos_signing_salt(self):
        """The bound store signs data exactly as Django's own store does."""
        bound = store_class(Profile.from_settings())()
        assert bound.key_salt == SessionStore().key_salt
        assert isinstance(bound, SessionStore)

    def test_stores_are_named_after_their_engine(self, engine):
        """A bound store's class reads as the engine's SessionStore."""
        bound = store_class(
            replace(Profile.from_settings(), engine=engine_path(engine))
        )
        assert f"{bound.__module__}.{bound.__qualname__}" == (
            f"{engine_path(engine)}.SessionStore"
        )
