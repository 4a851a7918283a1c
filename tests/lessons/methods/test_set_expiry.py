"""
/methods/set-expiry/: set_expiry() in every form Django accepts, and the
cookie each one gives.
"""

import time
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from unittest import mock

import pytest
from django.contrib.sessions.backends.db import SessionStore as DbStore
from django.contrib.sessions.backends.signed_cookies import SessionStore as SignedStore
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from sessions_demo.lab.engines import EXPIRY_KEY
from sessions_demo.lessons.forms import MAX_EXPIRY_SECONDS
from tests.helpers import (
    local_input,
    new_session,
    outcome,
    parse,
    post_set_expiry,
    reopen,
    set_item,
    travel,
)

pytestmark = pytest.mark.django_db

COOKIE_AGE = 60 * 60 * 24 * 14


class TestSetExpiry:
    def test_zero_makes_a_browser_session_cookie(self, client, engine):
        """set_expiry(0) stores 0; the cookie has neither Max-Age nor Expires."""
        set_item(client, "username", "JohnDoe")
        response = post_set_expiry(client, "0")
        cookie = response.cookies["sessionid"]
        assert cookie["max-age"] == ""
        assert cookie["expires"] == ""
        assert client.session[EXPIRY_KEY] == 0
        assert client.session.get_expire_at_browser_close() is True

    def test_none_returns_to_the_global_policy(self, client, engine):
        """set_expiry(None) removes the key; the cookie gets SESSION_COOKIE_AGE."""
        post_set_expiry(client, "seconds", seconds="300")
        response = post_set_expiry(client, "none")
        assert EXPIRY_KEY not in client.session
        assert response.cookies["sessionid"]["max-age"] == COOKIE_AGE

    def test_seconds_are_stored_as_an_int_and_slide(self, client, engine):
        """An int is stored as is, and every later save sends Max-Age=int again."""
        response = post_set_expiry(client, "seconds", seconds="300")
        assert client.session[EXPIRY_KEY] == 300
        assert response.cookies["sessionid"]["max-age"] == 300
        with mock.patch("time.time", return_value=time.time() + 200):
            later = set_item(client, "username", "JohnDoe")
        assert later.cookies["sessionid"]["max-age"] == 300

    def test_timedelta_becomes_a_fixed_moment(self, client, engine):
        """A timedelta is stored as now + delta; later saves keep that moment."""
        before = timezone.now()
        response = post_set_expiry(client, "timedelta", seconds="300")
        stored = client.session[EXPIRY_KEY]
        moment = datetime.fromisoformat(stored)
        assert (
            before + timedelta(seconds=300)
            <= moment
            <= timezone.now() + timedelta(seconds=300)
        )
        assert 298 <= response.cookies["sessionid"]["max-age"] <= 300
        set_item(client, "username", "JohnDoe")
        assert client.session[EXPIRY_KEY] == stored

    def test_datetime_is_a_fixed_moment(self, client, engine):
        """A datetime is stored as its ISO form; Max-Age counts down to it."""
        moment = (timezone.now() + timedelta(hours=1)).replace(second=0, microsecond=0)
        response = post_set_expiry(client, "datetime", moment=local_input(moment))
        assert client.session[EXPIRY_KEY] == moment.isoformat()
        assert 3600 - 62 <= response.cookies["sessionid"]["max-age"] <= 3600

    def test_setting_it_saves_but_none_without_one_does_not(self, client, engine):
        """set_expiry(300) is saved; set_expiry(None) with no expiry set is not."""
        set_item(client, "username", "JohnDoe")
        response = post_set_expiry(client, "none")
        assert "sessionid" not in response.cookies
        assert "nothing changed" in outcome(client.get(response.url))
        assert post_set_expiry(client, "seconds", seconds="300").cookies["sessionid"]
        assert post_set_expiry(client, "none").cookies["sessionid"]

    @pytest.mark.parametrize(
        ("kind", "ended_by"),
        [
            ("seconds", ("db", "cache", "cached_db", "user_db")),
            ("timedelta", ("db", "cache", "cached_db", "file", "user_db")),
        ],
    )
    def test_which_stores_end_a_custom_expiry(self, engine, kind, ended_by):
        """After 60 s: an int ends on db, user_db, caches; a timedelta on file too."""
        value = 60 if kind == "seconds" else timedelta(seconds=60)
        session = new_session(expiry=value)
        with travel(120):
            loaded = reopen(session).load()
        assert (loaded == {}) is (engine in ended_by)

    def test_a_read_does_not_push_the_end_back(self, client, engine):
        """A page that only reads sends no cookie: the expiry does not slide."""
        post_set_expiry(client, "seconds", seconds="300")
        response = client.get(reverse("get"), {"key": "username"})
        assert "sessionid" not in response.cookies

    def test_outcome_names_the_cookie_sent(self, client, engine):
        """The result states the response's Max-Age, and its Expires to a second."""
        response = post_set_expiry(client, "seconds", seconds="600")
        cookie = response.cookies["sessionid"]
        text = outcome(client.get(response.url))
        assert "request.session.set_expiry(600)" in text
        assert f"Max-Age={cookie['max-age']}; Expires=" in text
        shown = parsedate_to_datetime(text.split("Expires=")[1][:29])
        sent = parsedate_to_datetime(cookie["expires"])
        # The middleware reads the clock again as the response goes out.
        assert timedelta(0) <= sent - shown <= timedelta(seconds=1)
        response = post_set_expiry(client, "0")
        assert "no Max-Age, no Expires" in outcome(client.get(response.url))

    def test_signed_cookies_enforce_only_the_cookie_age(self):
        """Two minutes after set_expiry(60) db refuses it; signed_cookies still load."""
        later = timezone.now() + timedelta(minutes=2)
        signed = SignedStore()
        signed.update({"username": "JohnDoe"})
        signed.set_expiry(60)
        signed.save()
        with mock.patch.object(signing.time, "time", return_value=later.timestamp()):
            assert SignedStore(signed.session_key).load()["username"] == "JohnDoe"
        stored = DbStore()
        stored.update({"username": "JohnDoe"})
        stored.set_expiry(60)
        stored.save()
        with mock.patch.object(timezone, "now", return_value=later):
            assert DbStore(stored.session_key).load() == {}


class TestSetExpiryBadInput:
    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({"kind": "seconds", "seconds": "-5"}, "greater than or equal to 1."),
            ({"kind": "seconds", "seconds": "0"}, "greater than or equal to 1"),
            ({"kind": "seconds", "seconds": "true"}, "Enter a whole number."),
            ({"kind": "timedelta", "seconds": "1e9"}, "Enter a whole number."),
            (
                {"kind": "seconds", "seconds": str(MAX_EXPIRY_SECONDS + 1)},
                f"less than or equal to {MAX_EXPIRY_SECONDS}",
            ),
            ({"kind": "timedelta", "seconds": "10" * 30}, "less than or equal to"),
            ({"kind": "seconds", "seconds": ""}, "Give a number of seconds"),
            ({"kind": "datetime", "moment": "33715-01-01T00:00"}, "valid date/time"),
            ({"kind": "datetime", "moment": "2000-01-01T00:00"}, "in the future"),
            ({"kind": "datetime", "moment": "2999-01-01T00:00"}, "at most a year"),
            ({"kind": "datetime", "moment": ""}, "Give a date and time"),
            ({"kind": "forever"}, "Select a valid choice"),
            ({"kind": ""}, "This field is required."),
        ],
    )
    def test_rejected_without_touching_session(self, client, fields, message):
        """Bad expiry input gets a 400 and a clear message; the session is untouched."""
        post_set_expiry(client, "seconds", seconds="300")
        before = dict(client.session.items())
        response = client.post(reverse("set_expiry"), fields)
        assert response.status_code == 400
        assert message in parse(response).select_one(".try-it").get_text()
        assert "sessionid" not in response.cookies
        assert dict(client.session.items()) == before

    def test_one_message_per_mistake(self, client):
        """A negative number is refused once, not also reported as missing."""
        response = post_set_expiry(client, "seconds", seconds="-5")
        errors = parse(response).select(".try-it .errorlist li")
        assert [e.get_text() for e in errors] == [
            "Ensure this value is greater than or equal to 1."
        ]
