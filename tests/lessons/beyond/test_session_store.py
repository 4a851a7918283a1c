"""
/beyond/session-store/: the SessionStore API outside a request on every
engine, the Session model, encode()/decode(), the guidelines, and no session
key ever read from a URL.
"""

import threading
from datetime import timedelta
from importlib import import_module
from unittest import mock

import pytest
from asgiref.sync import async_to_sync
from django.conf import settings
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
)
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.middleware import SessionMiddleware
from django.contrib.sessions.models import Session
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from sessions_demo.lab.engines import engine_name
from sessions_demo.lab.middleware import LabSessionMiddleware
from tests.helpers import (
    new_session,
    outcome,
    panel_json,
    parse,
    reopen,
    set_item,
    travel,
)

pytestmark = pytest.mark.django_db


def engine_store():
    """Return the SessionStore class of the engine in SESSION_ENGINE."""
    return import_module(settings.SESSION_ENGINE).SessionStore


def inspected(client) -> str:
    """Run the page's read-only try-it; return its result."""
    return outcome(client.get(reverse("session_store"), {"run": "1"}))


def login_status(client) -> str:
    """Return the login page's line saying who is logged in (it reads request.user)."""
    page = parse(client.get(reverse("login")))
    return page.select_one(".login-status").get_text()


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

    def test_a_store_reads_nothing_until_used(self, engine):
        """SessionStore(key) does not load; the first read of the data does, once."""
        key = new_session().session_key
        SessionStore = engine_store()
        with mock.patch.object(SessionStore, "load", autospec=True) as load:
            load.return_value = {"username": "JohnDoe"}
            store = SessionStore(key)
            assert (load.call_count, store.accessed) == (0, False)
            assert store["username"] == "JohnDoe"
            assert "username" in store
            assert load.call_count == 1

    def test_nothing_saves_outside_a_request_unless_asked(self, engine):
        """A change to a store is lost without save(); with it, the next load has it."""
        session = new_session()
        changed = reopen(session)
        changed["cart"] = [1, 2]
        assert "cart" not in reopen(session)
        changed.save()
        assert reopen(changed)["cart"] == [1, 2]


class TestEachMethodOnEachEngine:
    def test_create_saves_a_new_key_at_once(self, engine):
        """create() stores a new key before any save(); signed_cookies make none."""
        store = engine_store()()
        store.create()
        if engine == "signed_cookies":  # only marked modified: the key comes at save()
            assert (store.session_key, store.modified) == (None, True)
        else:
            assert engine_store()().exists(store.session_key) is True

    def test_cache_create_gives_up_when_no_key_can_be_added(self, settings):
        """cache: a cache that takes nothing makes create() raise after 10,000 tries."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
        store = engine_store()()
        with (
            mock.patch.object(store._cache, "add", return_value=False) as add,
            pytest.raises(RuntimeError, match="cache is unavailable"),
        ):
            store.create()
        assert add.call_count == 10_000

    def test_save_without_a_key_creates_one(self, engine):
        """save() with no key calls create(); signed_cookies sign the data as key."""
        store = engine_store()()
        store["username"] = "JohnDoe"
        store.save()
        key = store.session_key
        assert engine_store()(key).load() == {"username": "JohnDoe"}
        if engine == "signed_cookies":
            assert key.startswith(".") or ":" in key  # a signed string, not a token
        else:
            assert len(key) == 32

    def test_delete_removes_the_key_given(self, engine):
        """delete(key) removes that session; signed_cookies empty this one instead."""
        mine, other = new_session({"mine": 1}), new_session({"other": 2})
        mine.delete(other.session_key)
        if engine == "signed_cookies":  # nothing stored: the key given is ignored
            assert (mine.session_key, dict(mine.items())) == (None, {})
            assert reopen(other).load() == {"other": 2}
        else:
            assert reopen(other).load() == {}
            assert reopen(mine).load() == {"mine": 1}

    def test_load_gives_nothing_once_expired(self, engine, settings):
        """Expired: load() gives {}; signed_cookies miss set_expiry(), file its (n)."""
        session = new_session(expiry=60)
        fixed = new_session(expiry=timedelta(seconds=60))
        with travel(120):
            late, late_fixed = reopen(session).load(), reopen(fixed).load()
        if engine in ("signed_cookies", "file"):
            assert late == {"username": "JohnDoe", "_session_expiry": 60}
        else:
            assert late == {}
        if engine == "signed_cookies":  # ticket 19201: only the cookie age counts
            assert late_fixed["username"] == "JohnDoe"
            with travel(settings.SESSION_COOKIE_AGE + 1):
                assert reopen(session).load() == {}
        else:
            assert late_fixed == {}

    def test_clear_expired_deletes_only_where_something_stays(self, engine):
        """db, cached_db, file, user_db: expired sessions go; cache, signed: no-op."""
        live, expired = new_session({"live": 1}), new_session({"expired": 1})
        expire(expired)
        SessionStore = engine_store()
        if engine == "cache":  # the cache drops entries itself: nothing to delete
            with mock.patch.object(live._cache, "delete") as delete:
                SessionStore.clear_expired()
            delete.assert_not_called()
        else:
            SessionStore.clear_expired()
        assert reopen(live).load() == {"live": 1}
        if engine in ("db", "cached_db", "file", "user_db"):
            assert SessionStore().exists(expired.session_key) is False

    def test_aclear_expired_is_the_async_twin(self, engine):
        """aclear_expired() deletes the expired sessions clear_expired() would."""
        live, expired = new_session({"live": 1}), new_session({"expired": 1})
        expire(expired)
        SessionStore = engine_store()
        async_to_sync(SessionStore.aclear_expired)()
        assert reopen(live).load() == {"live": 1}
        if engine in ("db", "cached_db", "file", "user_db"):
            assert SessionStore().exists(expired.session_key) is False

    def test_sessionbase_runs_the_sync_method_off_the_event_loop(self):
        """SessionBase's async twins call the sync method in another thread."""
        threads = {}

        class OnlySync(SessionBase):
            def exists(self, session_key):
                threads["exists"] = threading.get_ident()
                return False

        async def check():
            await OnlySync().aexists("x" * 32)
            return threading.get_ident()

        assert async_to_sync(check)() != threads["exists"]


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

    def test_written_auth_keys_log_nobody_in(self, engine):
        """_auth_user_id, backend and a hash not made by the server: flushed."""
        visitor = Client()
        set_item(visitor)
        session = visitor.session
        session[SESSION_KEY] = str(get_user_model().objects.get(username="learner").pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = "0" * 64
        session.save()
        visitor.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
        assert "You are not logged in" in login_status(visitor)
        assert dict(visitor.session.items()) == {}

    def test_a_rewritten_user_id_ends_the_login(self, client, engine):
        """In a logged-in session, another _auth_user_id fails the hash: logged out."""
        other = get_user_model().objects.create_user("other", password="secret")
        client.post(
            reverse("login"),
            {"try_it": "log_in", "username": "learner", "password": "sessions"},
        )
        session = client.session
        session[SESSION_KEY] = str(other.pk)
        session.save()
        client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
        assert "You are not logged in" in login_status(client)

    def test_djangos_keys_start_with_an_underscore(self, client):
        """What Django itself stores (expiry, login) is under _ keys."""
        client.post(reverse("set_expiry"), {"kind": "seconds", "seconds": "300"})
        client.post(
            reverse("login"),
            {"try_it": "log_in", "username": "learner", "password": "sessions"},
        )
        keys = client.session.keys()
        assert all(key.startswith("_") for key in keys)
