"""
/beyond/serializers/: the dumps()/loads() interface, which engines call it
(all but cache; cached_db not on a cache hit), why pickle is gone, and the
try-it that stores what JSON refuses, on every engine.
"""

import os
import pickle
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from importlib import import_module
from unittest.mock import patch
from uuid import UUID

import pytest
from django.conf import settings
from django.contrib.sessions import serializers
from django.core import signing
from django.core.cache import caches
from django.core.cache.backends.redis import RedisSerializer
from django.test import Client
from django.urls import reverse

from sessions_demo.lab.engines import engine_path
from sessions_demo.lab.profile import SERIALIZERS, Profile
from sessions_demo.lab.stores import store_class
from sessions_demo.serializers import TAG, RichJSONSerializer
from tests import backends
from tests.helpers import change_lab, new_session, outcome, reopen, set_item

pytestmark = pytest.mark.django_db

CALLS: list[str] = []
SIGNED_COOKIES_SALT = "django.contrib.sessions.backends.signed_cookies"
# The engines that write through the serializer: all but cache.
SERIALIZING = ("db", "cached_db", "file", "signed_cookies", "user_db")


class CountingSerializer(serializers.JSONSerializer):
    """Django's JSON serializer, noting each call in CALLS."""

    def dumps(self, obj):
        CALLS.append("dumps")
        return super().dumps(obj)

    def loads(self, data):
        CALLS.append("loads")
        return super().loads(data)


class BrokenSerializer(serializers.JSONSerializer):
    def loads(self, data):
        raise ValueError("cannot read this")


@pytest.fixture
def counting(settings):
    settings.SESSION_SERIALIZER = f"{__name__}.CountingSerializer"
    CALLS.clear()
    return CALLS


def stored_sessions(engine: str) -> int:
    """Count the sessions the engine holds, wherever it holds them."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if engine == "file":
        return sum(
            name.startswith(settings.SESSION_COOKIE_NAME)
            for name in os.listdir(settings.SESSION_FILE_PATH)
        )
    if engine == "cache":
        held = backends.keys(caches[settings.SESSION_CACHE_ALIAS])
        return sum(store.cache_key_prefix in key for key in held)
    if hasattr(store, "get_model_class"):
        return store.get_model_class().objects.count()
    return 0  # signed_cookies: nothing on the server


def raw_entry(cache, key: str) -> bytes:
    """Return the bytes the cache keeps for key, behind its API."""
    internal = cache.make_and_validate_key(key)
    if backends.is_redis(cache):
        return cache._cache.get_client(internal).get(internal)
    return cache._cache[internal]


def store_rich(client):
    """Press the page's try-it."""
    return client.post(reverse("serializers"))


class TestWhichEnginesCallIt:
    def test_every_engine_but_cache_calls_it_to_save_and_load(self, engine, counting):
        """dumps() on save, loads() on load; cache never; cached_db on a miss only."""
        session = new_session()
        saved = list(counting)
        counting.clear()
        reopen(session).load()
        if engine == "cache":
            assert (saved, counting) == ([], [])
        elif engine == "cached_db":  # the copy in the cache answers the load
            assert (saved, counting) == (["dumps"], [])
        else:
            assert (saved, counting) == (["dumps"], ["loads"])

    def test_cached_db_calls_loads_on_a_cache_miss(self, settings, counting):
        """cached_db: once the cache has lost its copy, the row is decoded."""
        settings.SESSION_ENGINE = engine_path("cached_db")
        session = new_session()
        session._cache.delete(session.cache_key)
        counting.clear()
        assert reopen(session).load() == {"username": "JohnDoe"}
        assert counting == ["loads"]

    def test_on_cache_what_json_refuses_saves_and_comes_back(self, settings):
        """cache stores the dict itself: a datetime, a tuple come back as such."""
        settings.SESSION_ENGINE = engine_path("cache")
        when = datetime(2026, 1, 2, 3, 4, 5)
        session = new_session({"when": when, "pair": (1, 2)})
        assert dict(reopen(session).items()) == {"when": when, "pair": (1, 2)}

    def test_the_cache_pickles_the_dict_itself(self, settings):
        """What cache stores is a pickle of the dict (local memory and Redis alike)."""
        settings.SESSION_ENGINE = engine_path("cache")
        data = {"when": datetime(2026, 1, 2), "pair": (1, 2)}
        session = new_session(data)
        cache = caches[settings.SESSION_CACHE_ALIAS]
        assert pickle.loads(raw_entry(cache, session.cache_key)) == data
        assert pickle.loads(RedisSerializer().dumps(data)) == data

    @pytest.mark.parametrize("engine", SERIALIZING, indirect=True)
    def test_through_encode_or_for_signed_cookies_their_own_signing(self, engine):
        """db, cached_db, file, user_db save through encode(); signed_cookies do not."""
        session = import_module(settings.SESSION_ENGINE).SessionStore()
        session["username"] = "JohnDoe"
        with patch.object(type(session), "encode", autospec=True) as encode:
            encode.side_effect = lambda store, data: signing.dumps(
                data, salt=store.key_salt, compress=True
            )
            session.save()
        assert encode.called is (engine != "signed_cookies")
        if engine == "signed_cookies":  # the key is signed with a salt of its own
            assert session.session_key != session.encode({"username": "JohnDoe"})
            assert signing.loads(session.session_key, salt=SIGNED_COOKIES_SALT) == {
                "username": "JohnDoe"
            }

    def test_a_tuple_comes_back_a_list_but_from_a_cache(self, engine):
        """JSON makes a tuple a list; cache, and cached_db's cache, keep the tuple."""
        session = new_session({"pair": (1, 2)})
        kept = engine in ("cache", "cached_db")
        assert reopen(session)["pair"] == ((1, 2) if kept else [1, 2])
        if engine == "cached_db":  # once its cache has forgotten, the row answers
            session._cache.delete(session.cache_key)
            assert reopen(session)["pair"] == [1, 2]

    @pytest.mark.parametrize("engine", SERIALIZING, indirect=True)
    def test_json_refuses_a_datetime_on_every_engine_but_cache(self, engine):
        """db, cached_db, file, signed_cookies, user_db: a datetime fails the save."""
        with pytest.raises(TypeError, match="not JSON serializable"):
            new_session({"when": datetime(2026, 1, 2)})

    def test_the_setting_names_a_class_made_without_arguments(self, engine):
        """encode() calls SESSION_SERIALIZER().dumps(); decode() its loads()."""
        store = import_module(settings.SESSION_ENGINE).SessionStore()
        assert store.serializer is serializers.JSONSerializer
        assert store.decode(store.encode({"a": [1, 2]})) == {"a": [1, 2]}


class TestPickleIsGone:
    def test_django_ships_only_json(self):
        """PickleSerializer was removed in Django 5.0."""
        assert not hasattr(serializers, "PickleSerializer")

    @pytest.mark.parametrize("key", ["SECRET_KEY", "a SECRET_KEY_FALLBACKS key"])
    def test_whoever_holds_secret_key_writes_a_signed_cookie_session(
        self, settings, key
    ):
        """With the key, or an old one kept as a fallback, anybody signs a session."""
        settings.SESSION_ENGINE = engine_path("signed_cookies")
        secret = settings.SECRET_KEY
        if key != "SECRET_KEY":
            secret = "an-old-secret-" + "x" * 40
            settings.SECRET_KEY_FALLBACKS = [secret]
        forged = signing.dumps({"cart": "forged"}, key=secret, salt=SIGNED_COOKIES_SALT)
        visitor = Client()
        visitor.cookies["sessionid"] = forged
        page = visitor.get(reverse("get"), {"run": "1", "key": "cart"})
        assert "forged" in outcome(page)

    def test_the_rich_serializer_runs_nothing_it_does_not_know(self):
        """An unknown tag is an error, never an import: decode() gives {}."""
        data = b'{"x":{"' + TAG.encode() + b'":["os.system","echo hi"]}}'
        with pytest.raises(KeyError):
            RichJSONSerializer().loads(data)
        profile = replace(Profile.from_settings(), serializer=SERIALIZERS["rich"])
        store = store_class(profile)()
        signed = signing.dumps(
            {"x": {TAG: ["os.system", "echo hi"]}},
            salt=store.key_salt,
            serializer=serializers.JSONSerializer,
            compress=True,
        )
        assert store.decode(signed) == {}


class TestGotchas:
    @pytest.mark.parametrize("engine", SERIALIZING, indirect=True)
    def test_unreadable_data_is_an_empty_session(self, settings, engine):
        """A loads() that raises gives an empty session, not an error."""
        session = new_session()
        if engine == "cached_db":  # a miss: the row is read, through loads()
            session._cache.delete(session.cache_key)
        settings.SESSION_SERIALIZER = f"{__name__}.BrokenSerializer"
        assert dict(reopen(session).items()) == {}

    def test_switching_engine_refuses_data_json_cannot_write(self, client, settings):
        """A datetime stored on cache: the lab will not move it to db with JSON."""
        settings.SESSION_ENGINE = engine_path("cache")
        store_rich(client)
        response = change_lab(client, engine="db", carry="on")
        assert response.status_code == 400
        assert "cannot write" in response.content.decode()


class TestTheTryIt:
    @pytest.mark.parametrize("engine", SERIALIZING, indirect=True)
    def test_json_refuses_and_nothing_changes(self, client, engine):
        """On the engines that call JSONSerializer: a 400, your session as it was."""
        key = set_item(client).cookies["sessionid"].value
        response = store_rich(client)
        assert response.status_code == 400
        assert "JSONSerializer refused" in outcome(response)
        assert "not JSON serializable" in outcome(response)
        assert "sessionid" not in response.cookies
        assert client.session.session_key == key
        assert dict(client.session.items()) == {"username": "JohnDoe"}

    @pytest.mark.parametrize("serializer", ["json", "rich"], ids=["refused", "saved"])
    def test_nothing_is_left_in_the_store(self, client, engine, serializer):
        """The throwaway session is deleted, whether the engine could save or not."""
        change_lab(client, serializer=serializer)
        set_item(client)
        store_rich(client)
        assert stored_sessions(engine) == (0 if engine == "signed_cookies" else 1)

    def test_cache_keeps_them_without_the_serializer(self, client, settings):
        """On cache they are saved in your session, and come back typed."""
        settings.SESSION_ENGINE = engine_path("cache")
        response = store_rich(client)
        assert response.status_code == 302
        shown = outcome(client.get(response.url))
        assert "when: datetime, price: Decimal, id: UUID" in shown
        session = client.session
        assert isinstance(session["when"], datetime)
        assert session["price"] == Decimal("9.99")
        assert isinstance(session["id"], UUID)

    def test_the_rich_serializer_keeps_them_on_every_engine(self, client, engine):
        """With RichJSONSerializer every engine saves and loads them as themselves."""
        change_lab(client, serializer="rich")
        response = store_rich(client)
        assert response.status_code == 302
        assert "when: datetime, price: Decimal, id: UUID" in outcome(
            client.get(response.url)
        )
