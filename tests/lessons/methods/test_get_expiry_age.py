"""
/methods/get-expiry-age/: the age the session would get if saved now.
"""

from unittest import mock

import pytest
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.urls import reverse

from tests.helpers import (
    new_session,
    post_set_expiry,
    pretend_saved_long_ago,
    reading_result,
    reopen,
    returned,
    set_item,
    travel,
)

pytestmark = pytest.mark.django_db

COOKIE_AGE = 60 * 60 * 24 * 14


class TestGetExpiryAge:
    def test_default_is_the_cookie_age(self, client, engine):
        """Without set_expiry() it returns SESSION_COOKIE_AGE."""
        assert returned(reading_result(client, "get_expiry_age")) == str(COOKIE_AGE)
        set_item(client, "username", "JohnDoe")
        assert returned(reading_result(client, "get_expiry_age")) == str(COOKIE_AGE)

    def test_follows_set_expiry(self, client, engine):
        """An int comes back as is, a fixed moment as seconds left, 0 as the age."""
        post_set_expiry(client, "seconds", seconds="300")
        assert returned(reading_result(client, "get_expiry_age")) == "300"
        post_set_expiry(client, "timedelta", seconds="600")
        assert 595 <= int(returned(reading_result(client, "get_expiry_age"))) <= 600
        post_set_expiry(client, "0")
        assert returned(reading_result(client, "get_expiry_age")) == str(COOKIE_AGE)

    def test_counts_from_now_not_from_the_last_save(self, client):
        """Long after the last save it still says two weeks; the panel says less."""
        set_item(client, "username", "JohnDoe")
        pretend_saved_long_ago(client, 100)
        assert returned(reading_result(client, "get_expiry_age")) == str(COOKIE_AGE)
        assert client.get(reverse("panel")).json()["expiry_age"] <= 100

    def test_a_week_after_the_save_it_still_says_two_weeks(self, engine):
        """On every engine it answers from now, not from the save."""
        session = new_session()
        with travel(7 * 24 * 3600):
            later = reopen(session)
            assert later["username"] == "JohnDoe"
            assert later.get_expiry_age() == COOKIE_AGE

    def test_who_calls_it_and_with_what(self, rf, engine):
        """The middleware and cache engines call it; only loads pass expiry=."""
        calls = []
        real = SessionBase.get_expiry_age

        def spy(session, **kwargs):
            calls.append(sorted(kwargs))
            return real(session, **kwargs)

        with mock.patch.object(SessionBase, "get_expiry_age", spy):
            request = rf.get("/")
            request.session = type(new_session())()
            request.session["username"] = "JohnDoe"
            SessionMiddleware(lambda r: HttpResponse()).process_response(
                request, HttpResponse()
            )
            saving, calls[:] = list(calls), []
            if engine == "cached_db":
                request.session._cache.delete(request.session.cache_key)
            reopen(request.session).load()
            loading = list(calls)
        assert all("modification" not in kwargs for kwargs in saving + loading)
        assert [] in saving  # the middleware's Max-Age
        assert ([["expiry"]] if engine in ("cached_db", "file") else []) == loading
