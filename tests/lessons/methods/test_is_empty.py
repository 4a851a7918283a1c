"""
/methods/is-empty/: is_empty() and bool(session), on every engine; neither
loads the session, so a stale cookie is "not empty" until a read.
"""

import pytest
from django.contrib.sessions.backends.base import SessionBase
from django.core.management import call_command
from django.urls import reverse

from tests.helpers import (
    SERVER_SIDE,
    new_session,
    parse,
    reopen,
    run_reading,
    set_item,
    travel,
)

pytestmark = pytest.mark.django_db

COOKIE_AGE = 60 * 60 * 24 * 14
FORGETTING = ("db", "cache", "cached_db", "user_db")  # a read drops the stale key
# A read starts a new session at once (file: while the expired file is there).
RENEWING = ("file", "signed_cookies")


def lines(response) -> list[str]:
    """Return the four lines of the try-it's own result on a page."""
    return parse(response).select_one(".outcome-line").get_text().split("\n")


def ask(client) -> list[str]:
    """Run the try-it; return its four lines."""
    return lines(run_reading(client, "is_empty"))


class TestIsEmpty:
    def test_new_visitor_is_empty(self, client, engine):
        """A visitor who stored nothing has an empty, falsy session."""
        before, truthy, keys, after = ask(client)
        assert before.endswith("is_empty() → True")
        assert truthy == "bool(request.session) → False"
        assert keys == "list(request.session.keys()) → []"
        assert after == "request.session.is_empty() → True"

    def test_an_empty_session_is_never_saved(self, client, engine):
        """Asking a new visitor's empty session saves nothing and sends no cookie."""
        response = run_reading(client, "is_empty")
        assert lines(response)[3] == "request.session.is_empty() → True"
        assert "sessionid" not in response.cookies

    def test_session_with_data_is_not_empty(self, client, engine):
        """Once something is stored, the session is not empty and is truthy."""
        set_item(client, "username", "JohnDoe")
        before, truthy, keys, after = ask(client)
        assert before.endswith("is_empty() → False")
        assert truthy == "bool(request.session) → True"
        assert keys == "list(request.session.keys()) → ['username']"
        assert after == "request.session.is_empty() → False"

    def test_cleared_session_keeps_its_key(self, client, engine):
        """A cleared session has no data but a key: not empty. A flushed one is."""
        set_item(client, "username", "JohnDoe")
        client.post(reverse("clear"))
        before, truthy, keys, _ = ask(client)
        assert before.endswith("is_empty() → False")
        assert (truthy, keys) == (
            "bool(request.session) → True",
            "list(request.session.keys()) → []",
        )
        client.post(reverse("flush"))
        assert ask(client)[0].endswith("is_empty() → True")


class TestStaleCookie:
    def test_stale_cookie_is_truthy_until_read(self, client, engine):
        """A cookie whose session expired is not empty, and truthy, before a read."""
        set_item(client, "username", "JohnDoe")
        with travel(COOKIE_AGE + 60):
            before, truthy, keys, _ = ask(client)
        assert before.endswith("is_empty() → False")
        assert truthy == "bool(request.session) → True"
        assert keys == "list(request.session.keys()) → []"

    @pytest.mark.parametrize("engine", FORGETTING, indirect=True)
    def test_db_and_caches_drop_the_key_and_the_cookie(self, client, engine):
        """db, caches (and user_db): after the read it is empty; the cookie goes."""
        set_item(client, "username", "JohnDoe")
        with travel(COOKIE_AGE + 60):
            response = run_reading(client, "is_empty")
        text = lines(response)
        assert text[3] == "request.session.is_empty() → True"
        assert response.cookies["sessionid"].value == ""
        assert response.cookies["sessionid"]["max-age"] == 0

    @pytest.mark.parametrize("engine", RENEWING, indirect=True)
    def test_file_and_signed_cookies_start_a_new_session(self, client, engine):
        """file (its expired file still there), signed_cookies: a new session, saved."""
        old = set_item(client, "username", "JohnDoe").cookies["sessionid"].value
        with travel(COOKIE_AGE + 60):
            response = run_reading(client, "is_empty")
        assert client.session.load() == {}  # the new session, saved empty
        text = lines(response)
        assert text[3] == "request.session.is_empty() → False"
        new = response.cookies["sessionid"]
        assert new.value not in ("", old)
        assert new["max-age"] == COOKIE_AGE

    @pytest.mark.parametrize("engine", ["file"], indirect=True)
    def test_file_drops_the_key_of_a_file_already_deleted(self, client, engine):
        """file: once clearsessions deleted the file, the read drops key and cookie."""
        set_item(client, "username", "JohnDoe")
        with travel(COOKIE_AGE + 60):
            call_command("clearsessions")
            response = run_reading(client, "is_empty")
        assert lines(response)[3] == "request.session.is_empty() → True"
        assert response.cookies["sessionid"].value == ""
        assert response.cookies["sessionid"]["max-age"] == 0

    @pytest.mark.parametrize("engine", RENEWING, indirect=True)
    def test_when_the_key_changes(self, engine):
        """file: a new key at the read; signed_cookies: the stale key, until saved."""
        stored = new_session()
        with travel(COOKIE_AGE + 60):
            stale = reopen(stored)
            stale.keys()
            read_key = stale.session_key
            stale.save()
        assert (read_key == stored.session_key) is (engine == "signed_cookies")
        assert stale.session_key not in (None, stored.session_key)
        assert stale.is_empty() is False

    def test_the_page_makes_a_stale_cookie_for_this_visitor(self, client, engine):
        """The page's button ends the session on the server in 10 s, not the cookie."""
        set_item(client, "username", "JohnDoe")
        form = parse(client.get(reverse("is_empty"))).select_one("form.stale-cookie")
        fields = {i["name"]: i.get("value") for i in form.select("input[name]")}
        response = client.post(form["action"], fields)
        assert response.url == reverse("is_empty") + "#try-it"
        cookie = response.cookies["sessionid"]
        assert (cookie["max-age"], cookie["expires"]) == ("", "")  # kept by the browser
        with travel(11):
            before, truthy, keys, _ = ask(client)
        assert before.endswith("is_empty() → False")
        assert truthy == "bool(request.session) → True"
        assert keys == "list(request.session.keys()) → []"

    @pytest.mark.parametrize("engine", SERVER_SIDE, indirect=True)
    def test_a_forgotten_key_is_not_empty_either(self, engine):
        """A key the store never had (evicted, deleted) is not empty until loaded."""
        session = new_session()
        session.delete()
        stale = reopen(session)
        assert (stale.is_empty(), bool(stale)) == (False, True)
        assert stale.load() == {}

    def test_bool_is_the_opposite_of_is_empty(self, engine):
        """bool(session) is not is_empty(): new, stored, stale, and after its read."""

        def agree(session: SessionBase) -> bool:
            return bool(session) is (not session.is_empty())

        stored = new_session()
        assert agree(type(stored)()) and agree(reopen(stored))
        with travel(COOKIE_AGE + 60):
            stale = reopen(stored)
            assert agree(stale) and bool(stale) is True
            stale.keys()  # the read: the key dropped, or a new session made
            assert agree(stale)
