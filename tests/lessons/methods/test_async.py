"""
/methods/async/: the async twins, run by an `async def` try-it view, on
every engine.
"""

import asyncio
from inspect import iscoroutinefunction

import pytest
from asgiref.sync import async_to_sync
from django.contrib.sessions.backends.db import SessionStore as DbStore
from django.core.exceptions import SynchronousOnlyOperation
from django.urls import reverse

from sessions_demo.lessons.methods.async_ import LAST_VISIT_KEY, SCRATCH_KEY, async_api
from tests.helpers import outcome, set_item

pytestmark = pytest.mark.django_db


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

    def test_sync_methods_refuse_the_event_loop_until_loaded(self):
        """In async code a sync read that must load fails; once loaded, it works."""

        async def read_synchronously():
            return DbStore("a" * 32).get("username")

        async def load_then_read():
            session = DbStore("a" * 32)
            await session.aget("username")
            return session.get("username", "loaded")

        with pytest.raises(SynchronousOnlyOperation):
            asyncio.run(read_synchronously())
        assert asyncio.run(load_then_read()) == "loaded"

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
