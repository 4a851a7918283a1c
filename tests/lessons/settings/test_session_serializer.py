"""
/settings/session-serializer/: JSON refuses a datetime on the engines that
serialize; the cache engine never asks it; a safe custom serializer keeps
it; pickle is gone; forging needs signed_cookies or the store itself.
"""

import os
from unittest import mock

import django
import pytest
from django.contrib.sessions import serializers
from django.contrib.sessions.backends.signed_cookies import SessionStore as SignedStore
from django.contrib.sessions.models import Session
from django.core import signing
from django.core.cache import caches
from django.utils import timezone

from sessions_demo.panel.stored import SIGNED_COOKIES_SALT
from tests.helpers import (
    SERVER_SIDE,
    change_lab,
    new_session,
    reopen,
    saved_outcome,
    setting_page,
    text,
    use_engine,
)

pytestmark = pytest.mark.django_db

SERIALIZING = ("db", "user_db", "cached_db", "file", "signed_cookies")


class UnreadableSerializer:
    """A serializer that cannot read what JSONSerializer wrote (nor anything)."""

    def dumps(self, obj) -> bytes:
        return serializers.JSONSerializer().dumps(obj)

    def loads(self, data: bytes):
        raise ValueError("not my format")


class TestSerializer:
    @pytest.mark.parametrize("engine", SERIALIZING, indirect=True)
    def test_json_engines_refuse_a_datetime(self, client, settings, engine):
        """db, cached_db, file, signed_cookies: save() refuses a datetime; no trace."""
        said = saved_outcome(client, "SESSION_SERIALIZER")
        assert f"{engine} with JSONSerializer: save() refused it: " in said
        assert "Object of type datetime is not JSON serializable" in said
        assert "sessionid" not in client.cookies
        assert not Session.objects.exists()
        assert os.listdir(settings.SESSION_FILE_PATH) == []

    @pytest.mark.parametrize("engine", ["cache"], indirect=True)
    def test_the_cache_engine_saves_a_datetime(self, client, engine):
        """cache: the cache pickles the dict, so a datetime saves and comes back."""
        said = saved_outcome(client, "SESSION_SERIALIZER")
        assert "cache with JSONSerializer: saved" in said
        assert "load() gave back datetime.datetime(" in said
        assert "the same value: True" in said

    def test_the_cache_engine_never_calls_the_serializer(self, engine):
        """Only cache saves and loads with JSONSerializer out of order."""
        broken = mock.patch.object(
            serializers.JSONSerializer, "dumps", side_effect=RuntimeError("called")
        )
        if engine == "cache":
            with broken:
                assert reopen(new_session()).load() == {"username": "JohnDoe"}
        else:
            with broken, pytest.raises(RuntimeError, match="called"):
                new_session()

    def test_rich_serializer_round_trips_it(self, client, engine):
        """Our RichJSONSerializer saves a datetime and reads it back, on any engine."""
        change_lab(client, serializer="rich")
        said = saved_outcome(client, "SESSION_SERIALIZER")
        assert f"{engine} with RichJSONSerializer: saved" in said
        assert "load() gave back datetime.datetime(" in said
        assert "the same value: True" in said

    def test_pickle_serializer_is_gone(self, client):
        """Django 5.0 removed PickleSerializer; the page corrects the guide."""
        assert django.VERSION >= (5, 0)
        assert not hasattr(serializers, "PickleSerializer")
        said = text(
            setting_page(client, "SESSION_SERIALIZER").select_one(".explanation")
        )
        assert "removed in Django 5.0" in said

    def test_a_new_serializer_that_cannot_read_old_sessions_empties_them(
        self, settings, engine
    ):
        """Old sessions load as {} after the switch; cache sessions carry on."""
        session = new_session()
        if engine == "cached_db":
            session._cache.delete(session.cache_key)  # a miss: the row is read
        settings.SESSION_SERIALIZER = f"{__name__}.UnreadableSerializer"
        expected = {"username": "JohnDoe"} if engine == "cache" else {}
        assert reopen(session).load() == expected


class TestForging:
    """What a leaked SECRET_KEY lets a forger do with a cookie alone."""

    def forged(self) -> str:
        return signing.dumps(
            {"is_admin": True}, salt=SIGNED_COOKIES_SALT, compress=True
        )

    def test_signed_cookies_load_a_forged_cookie(self):
        """signed_cookies: a cookie signed with the SECRET_KEY is the session."""
        assert SignedStore(self.forged()).load() == {"is_admin": True}

    @pytest.mark.parametrize("engine", SERVER_SIDE, indirect=True)
    def test_server_side_engines_take_it_for_an_unknown_key(self, engine):
        """db, cache, cached_db, file: the cookie is only a key; nothing is found."""
        store = type(new_session())
        assert store(self.forged()).load() == {}


class TestWhatComesBack:
    def test_a_tuple_and_an_int_key(self, engine):
        """JSON engines give a list and a str key; cache (and a cache hit) as stored."""
        stored = new_session({"t": (1, 2), 5: "x"})
        back = reopen(stored).load()
        if engine in ("cache", "cached_db"):  # a pickled copy in the cache
            assert back == {"t": (1, 2), 5: "x"}
        else:
            assert back == {"t": [1, 2], "5": "x"}
        if engine == "cached_db":
            caches["default"].clear()  # the copy is gone: the row answers
            assert reopen(stored).load() == {"t": [1, 2], "5": "x"}

    def test_cached_db_refuses_a_datetime_as_it_writes_the_row(self, settings):
        """cached_db writes the row first, so JSON refuses the datetime."""
        use_engine(settings, "cached_db")
        with pytest.raises(TypeError):
            new_session({"when": timezone.now()})
