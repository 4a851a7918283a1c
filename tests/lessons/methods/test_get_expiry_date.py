"""
/methods/get-expiry-date/: the moment the session would end if saved now.
"""

from datetime import datetime, timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tests.helpers import (
    local_input,
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


class TestGetExpiryDate:
    def test_default_is_now_plus_the_cookie_age(self, client, engine):
        """Without a fixed moment it returns now + the age, also after set_expiry(0)."""
        for kind in ("none", "0"):
            post_set_expiry(client, kind)
            before = timezone.now()
            moment = datetime.fromisoformat(
                returned(reading_result(client, "get_expiry_date"))
            )
            age = timedelta(seconds=COOKIE_AGE)
            assert before + age <= moment <= timezone.now() + age

    def test_fixed_moment_is_returned_as_set(self, client, engine):
        """After set_expiry(datetime) it returns that moment."""
        moment = (timezone.now() + timedelta(hours=2)).replace(second=0, microsecond=0)
        post_set_expiry(client, "datetime", moment=local_input(moment))
        assert returned(reading_result(client, "get_expiry_date")) == moment.isoformat()

    def test_counts_from_now_not_from_the_last_save(self, client):
        """The db engine stores get_expiry_date() of the save; asked later, it moved."""
        set_item(client, "username", "JohnDoe")
        row = Session.objects.get(session_key=client.session.session_key)
        saved_at = timezone.now()
        assert abs(row.expire_date - saved_at - timedelta(seconds=COOKIE_AGE)) < (
            timedelta(seconds=2)
        )
        pretend_saved_long_ago(client, 100)
        moment = datetime.fromisoformat(
            returned(reading_result(client, "get_expiry_date"))
        )
        panel = datetime.fromisoformat(
            client.get(reverse("panel")).json()["expiry_date"]
        )
        assert moment - panel > timedelta(days=13)

    def test_asked_later_it_moves_with_the_clock(self, engine):
        """Without a fixed moment, the answer a minute later is a minute later."""
        session = new_session()
        now = reopen(session).get_expiry_date()
        with travel(60):
            later = reopen(session).get_expiry_date()
        assert later - now == pytest.approx(timedelta(seconds=60), abs=timedelta(1))

    def test_after_zero_the_store_keeps_it_for_the_cookie_age(self, engine):
        """set_expiry(0): every engine still keeps the session SESSION_COOKIE_AGE."""
        session = new_session(expiry=0)
        with travel(COOKIE_AGE - 60):
            assert reopen(session).load() == {
                "username": "JohnDoe",
                "_session_expiry": 0,
            }
        with travel(COOKIE_AGE + 60):
            assert reopen(session).load() == {}


class TestTheOffsetItWasGiven:
    def test_an_aware_datetime_comes_back_with_its_offset(self, engine):
        """A datetime in another zone comes back in that zone, not in UTC."""
        paris = timezone.get_fixed_timezone(60)
        moment = (timezone.now() + timedelta(days=1)).astimezone(paris)
        given_back = reopen(new_session(expiry=moment)).get_expiry_date()
        assert given_back == moment
        assert given_back.utcoffset() == timedelta(minutes=60)

    def test_a_naive_datetime_comes_back_naive(self):
        """A naive datetime is stored and returned naive."""
        moment = datetime(2030, 1, 1, 12, 0)
        session = new_session()
        session.set_expiry(moment)
        assert session.get_expiry_date() == moment
