"""
/beyond/session-store/: the SessionStore API outside a request on every
engine, the Session model, encode()/decode(), the guidelines, and no session
key ever read from a URL.
"""

import threading
from datetime import timedelta
from importlib import import_module

import pytest
from asgiref.sync import async_to_sync
from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware
from django.contrib.sessions.models import Session
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from sessions_demo.lab.engines import engine_name
from sessions_demo.lab.middleware import LabSessionMiddleware
from tests.helpers import new_session, outcome, panel_json, reopen, set_item

pytestmark = pytest.mark.django_db

SERVER_SIDE = ("db", "cache", "cached_db", "file", "user_db")


def engine_store():
    """Return the SessionStore class of the engine in SESSION_ENGINE."""
    return import_module(settings.SESSION_ENGINE).SessionStore


def inspected(client) -> str:
    """Run the page's read-only try-it; return its result."""
    return outcome(client.get(reverse("session_store"), {"run": "1"}))


def expire(session) -> None:
    """Make a stored session expired where its engine keeps it."""
    if hasattr(session, "get_model_class"):  # db, cached_db, user_db: the row
        session.get_model_class().objects.filter(pk=session.session_key).update(
            expire_date=timezone.now() - timedelta(seconds=1)
        )
    if hasattr(session, "cache_key_prefix"):  # cached_db's copy times out with it
        session._cache.delete(session.cache_key)
    if engine_name(session) == "file":  # the moment the data holds, in the past
        session.set_expiry(timezone.now() - timedelta(seconds=1))
        session.save()


class TestTheStoreOutsideARequest:
    def test_create_save_exists_load_delete(self, engine):
        """The same five methods work on every engine, no request needed."""
        SessionStore = engine_store()
        store = SessionStore()
        store["username"] = "FromAScript"
        store.create()
        store.save()
        key = store.session_key
        assert SessionStore(key).load() == {"username": "FromAScript"}
        assert SessionStore().exists(key) is (engine != "signed_cookies")
        store.delete()
        if engine != "signed_cookies":  # nothing stored, nothing to delete
            assert SessionStore(key).load() == {}
            assert SessionStore().exists(key) is False

    def test_the_async_wrappers_do_the_same(self, engine):
        """acreate, asave, aexists, aload, adelete: the same life, awaited."""
        SessionStore = engine_store()

        async def life():
            store = SessionStore()
            await store.aset("username", "FromAScript")
            await store.acreate()
            await store.asave()
            key = store.session_key
            found = await SessionStore().aexists(key)
            loaded = await SessionStore(key).aload()
            await store.adelete()
            return found, loaded, await SessionStore().aexists(key)

        found, loaded, after = async_to_sync(life)()
        assert loaded == {"username": "FromAScript"}
        assert (found, after) == (engine != "signed_cookies", False)

    def test_file_and_signed_cookies_run_in_the_event_loop(self, settings):
        """Their async methods call the sync ones directly, in the loop's thread."""
        threads = {}
        for name in ("file", "signed_cookies", "cache"):
            settings.SESSION_ENGINE = f"django.contrib.sessions.backends.{name}"
            store_class = engine_store()
            original = store_class.exists

            def spy(self, *args, original=original, name=name, **kwargs):
                threads[name] = threading.get_ident()
                return original(self, *args, **kwargs)

            async def check(store_class=store_class):
                await store_class().aexists("x" * 32)
                return threading.get_ident()

            store_class.exists = spy
            try:
                loop_thread = async_to_sync(check)()
            finally:
                store_class.exists = original
            threads[f"{name} loop"] = loop_thread
        assert threads["file"] == threads["file loop"]
        assert threads["signed_cookies"] == threads["signed_cookies loop"]
        assert "cache" not in threads  # cache awaits the cache's own ahas_key()

    @pytest.mark.parametrize(
        "engine", ["db", "cached_db", "file", "user_db"], indirect=True
    )
    def test_exists_ignores_the_expiry(self, engine):
        """An expired session still stored exists(); load() gives {} for it."""
        session = new_session()
        expire(session)
        assert engine_store()().exists(session.session_key) is True
        assert reopen(session).load() == {}

    def test_an_unknown_key_is_an_empty_session(self, engine):
        """SessionStore(key) for a key never stored: empty, no error."""
        assert dict(engine_store()("x" * 32).items()) == {}


class TestTheModel:
    def test_get_decoded_gives_the_dictionary(self, settings):
        """Session.objects.get(pk=key).get_decoded() is the session's data."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
        session = new_session({"username": "JohnDoe"})
        row = Session.objects.get(pk=session.session_key)
        assert row.get_decoded() == {"username": "JohnDoe"}
        assert row.session_data != '{"username":"JohnDoe"}'  # encoded, signed
        assert row.expire_date > timezone.now()

    def test_the_manager_encodes_as_the_store_does(self):
        """Session.objects.encode() and SessionStore.decode() agree."""
        encoded = Session.objects.encode({"username": "JohnDoe"})
        assert Session.get_session_store_class()().decode(encoded) == {
            "username": "JohnDoe"
        }

    def test_a_custom_engine_has_its_own_model(self, settings):
        """user_db's sessions are not in Session.objects but in its model."""
        settings.SESSION_ENGINE = "sessions_demo.user_sessions.db"
        session = new_session()
        model = engine_store().get_model_class()
        assert not Session.objects.filter(pk=session.session_key).exists()
        assert model.objects.get(pk=session.session_key).get_decoded() == {
            "username": "JohnDoe"
        }

    def test_encode_and_decode_round_trip(self, engine):
        """encode() then decode() gives the dictionary back, on every engine."""
        store = engine_store()()
        assert store.decode(store.encode({"username": "JohnDoe"})) == {
            "username": "JohnDoe"
        }

    def test_tampered_data_decodes_to_an_empty_session(self, engine):
        """A wrong signature is no error: decode() gives {}."""
        store = engine_store()()
        encoded = store.encode({"username": "JohnDoe"})
        assert store.decode(encoded[:-2] + "xx") == {}


class TestTheTryIts:
    def test_inspect_shows_exists_load_and_the_row(self, client, engine):
        """The read-only try-it shows the store's answers for your key."""
        set_item(client)
        shown = inspected(client)
        assert "load() → {'username': 'JohnDoe'}" in shown
        assert "exists(" in shown
        if engine in ("db", "cached_db", "user_db"):
            assert "get_decoded() → {'username': 'JohnDoe'}" in shown
        assert "decode(that) → {'username': 'JohnDoe'}" in shown

    def test_inspect_only_reads(self, client):
        """It sends no cookie and changes nothing."""
        set_item(client)
        response = client.get(reverse("session_store"), {"run": "1"})
        assert "sessionid" not in response.cookies
        assert dict(client.session.items()) == {"username": "JohnDoe"}

    def test_inspect_without_a_session(self, client):
        """No key yet: it says so."""
        assert "no session yet" in inspected(client)

    def test_round_trip_leaves_nothing_behind(self, client, engine):
        """Created, found, loaded, deleted: the visitor's session untouched."""
        set_item(client)
        key = client.session.session_key
        response = client.post(reverse("session_store"), {"try_it": "round_trip"})
        shown = outcome(client.get(response.url))
        assert "aload() → {'made_by': 'a script'}" in shown
        assert f"aexists(key) → {engine != 'signed_cookies'}" in shown
        assert "adelete(); aexists(key) → False" in shown
        assert client.session.session_key == key
        if engine in ("db", "user_db"):
            model = engine_store().get_model_class()
            assert list(model.objects.values_list("pk", flat=True)) == [key]


class TestGuidelines:
    def test_a_key_in_the_url_is_ignored(self, client, engine):
        """?sessionid=<key> opens nothing: Django reads the cookie only."""
        key = set_item(client).cookies["sessionid"].value
        stranger = client.__class__()
        response = stranger.get(reverse("setitem"), {"sessionid": key})
        assert response.status_code == 200
        assert panel_json(stranger)["data"] == {}
        assert "sessionid" not in response.cookies

    def test_an_attribute_set_on_the_session_is_not_stored(self, engine):
        """request.session.attribute = … is not data: the next load lacks it."""
        session = new_session()
        session.colour = "green"
        session.modified = True
        session.save()
        assert not hasattr(reopen(session), "colour")
        assert "colour" not in reopen(session)

    @pytest.mark.parametrize("middleware", [SessionMiddleware, LabSessionMiddleware])
    def test_replacing_request_session_saves_nothing(self, middleware):
        """A dict put in place of request.session is silently never saved."""

        def view(request):
            request.session = {"username": "JohnDoe"}
            return HttpResponse()

        response = middleware(view)(RequestFactory().get("/"))
        assert response.status_code == 200
        assert response.cookies == {}
        assert not Session.objects.exists()

    def test_non_string_keys_come_back_as_strings(self, engine):
        """JSON makes session[1] session["1"]; cache (and a cached_db hit) keep 1."""
        session = new_session({1: "one"})
        kept = engine_name(session) in ("cache", "cached_db")
        assert dict(reopen(session).items()) == ({1: "one"} if kept else {"1": "one"})
        if engine == "cached_db":  # a miss reads the row, through the serializer
            session._cache.delete(session.cache_key)
            assert dict(reopen(session).items()) == {"1": "one"}

    def test_djangos_keys_start_with_an_underscore(self, client):
        """What Django itself stores (expiry, login) is under _ keys."""
        client.post(reverse("set_expiry"), {"kind": "seconds", "seconds": "300"})
        client.post(
            reverse("login"),
            {"try_it": "log_in", "username": "learner", "password": "sessions"},
        )
        keys = client.session.keys()
        assert all(key.startswith("_") for key in keys)
