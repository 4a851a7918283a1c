"""
/methods/async/: the async twins, run by an `async def` try-it view, on
every engine.
"""

import asyncio
from importlib import import_module
from inspect import iscoroutinefunction

import pytest
from asgiref.sync import async_to_sync
from django.conf import settings
from django.core.exceptions import SynchronousOnlyOperation
from django.urls import reverse

from sessions_demo.lessons.methods.async_ import LAST_VISIT_KEY, SCRATCH_KEY, async_api
from tests.helpers import SERVER_SIDE, new_session, outcome, respond, set_item

pytestmark = pytest.mark.django_db

# SessionBase's methods with an a-prefixed twin, and the three without one.
TWINNED = (
    "get", "set", "pop", "setdefault", "update", "has_key", "keys", "values",
    "items", "flush", "cycle_key", "set_expiry", "get_expiry_age",
    "get_expiry_date", "get_expire_at_browser_close", "set_test_cookie",
    "test_cookie_worked", "delete_test_cookie", "exists", "create", "save",
    "delete", "load", "clear_expired",
)  # fmt: skip
UNTWINNED = ("clear", "is_empty", "get_session_cookie_age")


def reopen_key(key: str):
    """Return a fresh store of the project's engine for key."""
    return import_module(settings.SESSION_ENGINE).SessionStore(key)


class TestAsyncApi:
    def test_runs_the_async_methods_on_the_same_session(self, client, engine):
        """One async view reads, writes, pops, lists, sets expiry and cycles the key."""
        set_item(client, "username", "JohnDoe")
        old_key = client.session.session_key
        response = client.post(reverse("async"))
        assert response.status_code == 302
        session = client.session
        assert session["username"] == "JohnDoe"
        assert LAST_VISIT_KEY in session
        assert SCRATCH_KEY not in session
        assert session["_session_expiry"] == 3600
        assert response.cookies["sessionid"]["max-age"] == 3600
        assert response.cookies["sessionid"].value == session.session_key != old_key
        text = outcome(client.get(response.url))
        assert f"await aget({LAST_VISIT_KEY!r}) → None" in text
        assert f"await apop({SCRATCH_KEY!r}) → 'temporary'" in text
        assert "aget_expiry_age() → 3600" in text
        assert "new key → True" in text

    def test_the_async_view_is_a_coroutine_function(self):
        """The try-it view is `async def`; the lesson page runs it all the same."""
        assert iscoroutinefunction(async_api)

    def test_sync_and_async_see_the_same_data(self, client, engine):
        """A value stored by the async view is read back by sync code, and back."""
        client.post(reverse("async"))
        first = client.session[LAST_VISIT_KEY]
        response = client.post(reverse("async"), follow=True)
        assert f"await aget({LAST_VISIT_KEY!r}) → {first!r}" in outcome(response)

    @pytest.mark.parametrize("engine", ["db", "user_db", "cached_db"], indirect=True)
    def test_orm_engines_refuse_a_sync_load_in_the_loop(self, engine):
        """db, cached_db on a miss: a sync read that loads fails; once loaded, not."""
        key = "a" * 32  # in no cache: cached_db asks the database as db does

        async def read_synchronously():
            return reopen_key(key).get("username")

        async def load_then_read():
            session = reopen_key(key)
            await session.aget("username")
            return session.get("username", "loaded")

        with pytest.raises(SynchronousOnlyOperation):
            asyncio.run(read_synchronously())
        assert asyncio.run(load_then_read()) == "loaded"

    @pytest.mark.parametrize(
        "engine", ["cached_db", "cache", "file", "signed_cookies"], indirect=True
    )
    def test_other_engines_load_synchronously_in_the_loop(self, engine):
        """cached_db on a hit, cache, file, signed_cookies: no ORM, no refusal."""
        key = new_session().session_key  # cached_db: the save filled the cache

        async def read_synchronously():
            return reopen_key(key).get("username")

        assert asyncio.run(read_synchronously()) == "JohnDoe"

    def test_most_methods_have_a_twin(self, engine):
        """Every store has a* twins, but none for clear, is_empty, cookie age."""
        store = type(new_session())
        for name in TWINNED:
            assert iscoroutinefunction(getattr(store, f"a{name}")), name
        for name in UNTWINNED:
            assert callable(getattr(store, name))
            assert not hasattr(store, f"a{name}"), name

    def test_adelete_test_cookie_is_never_saved(self, rf, engine):
        """adelete_test_cookie() leaves modified False: its deletion is never saved."""
        answered = {}
        for name in ("delete_test_cookie", "adelete_test_cookie"):
            key = new_session({"testcookie": "worked"}).session_key
            request = rf.get("/")
            request.session = reopen_key(key)
            deleting = getattr(request.session, name)
            async_to_sync(deleting)() if name.startswith("a") else deleting()
            assert "testcookie" not in request.session
            answered[name] = (request.session.modified, dict(respond(request).cookies))
            if engine in SERVER_SIDE:  # an old signed cookie keeps it either way
                kept = reopen_key(key).get("testcookie") == "worked"
                assert kept is (name == "adelete_test_cookie")
        assert answered["delete_test_cookie"][0] is True
        assert "sessionid" in answered["delete_test_cookie"][1]
        assert answered["adelete_test_cookie"] == (False, {})

    def test_runs_under_asgi_as_well(self, async_client, engine):
        """Through Django's ASGI handler the lesson page runs the async view too."""
        response = async_to_sync(async_client.post)(reverse("async"))
        assert response.status_code == 302
        assert response.cookies["sessionid"]["max-age"] == 3600

    def test_get_is_refused(self, client):
        """The async view accepts POST only; a GET just shows the page."""
        response = client.get(reverse("async"), {"run": "1"})
        assert response.status_code == 200
        assert "sessionid" not in response.cookies


def test_every_request_saving_keeps_the_async_removal(rf, settings):
    """With SESSION_SAVE_EVERY_REQUEST the save happens anyway: the marker goes."""
    settings.SESSION_SAVE_EVERY_REQUEST = True
    key = new_session({"testcookie": "worked", "cart": [1]}).session_key
    request = rf.get("/")
    request.session = reopen_key(key)
    async_to_sync(request.session.adelete_test_cookie)()
    assert request.session.modified is False
    respond(request)
    assert reopen_key(key).load() == {"cart": [1]}
