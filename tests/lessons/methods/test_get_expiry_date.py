"""
set_expiry() in every form, and the three getters, on every engine.
"""

from datetime import datetime, timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tests.helpers import parse, set_item

pytestmark = pytest.mark.django_db

COOKIE_AGE = 60 * 60 * 24 * 14


def set_expiry(client, kind, **fields):
    return client.post(reverse("set_expiry"), {"kind": kind, **fields})


def ask(client, url_name):
    """Run a reading lesson; return its own result line, not older messages."""
    page = parse(client.get(reverse(url_name), {"run": "1"}))
    return page.select_one(".outcome-line").get_text()


def returned(text):
    return text.rsplit("→ ", 1)[1]


def local_input(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


def pretend_saved_long_ago(client, seconds_left: int) -> None:
    """Move the stored expiry close, as if the last save were long past."""
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() + timedelta(seconds=seconds_left)
    )


class TestGetExpiryDate:
    def test_default_is_now_plus_the_cookie_age(self, client, engine):
        """Without a fixed moment it returns now + the age, also after set_expiry(0)."""
        for kind in ("none", "0"):
            set_expiry(client, kind)
            before = timezone.now()
            moment = datetime.fromisoformat(returned(ask(client, "get_expiry_date")))
            age = timedelta(seconds=COOKIE_AGE)
            assert before + age <= moment <= timezone.now() + age

    def test_fixed_moment_is_returned_as_set(self, client, engine):
        """After set_expiry(datetime) it returns that moment."""
        moment = (timezone.now() + timedelta(hours=2)).replace(second=0, microsecond=0)
        set_expiry(client, "datetime", moment=local_input(moment))
        assert returned(ask(client, "get_expiry_date")) == moment.isoformat()

    def test_counts_from_now_not_from_the_last_save(self, client):
        """The db engine stores get_expiry_date() of the save; asked later, it moved."""
        set_item(client, "username", "JohnDoe")
        row = Session.objects.get(session_key=client.session.session_key)
        saved_at = timezone.now()
        assert abs(row.expire_date - saved_at - timedelta(seconds=COOKIE_AGE)) < (
            timedelta(seconds=2)
        )
        pretend_saved_long_ago(client, 100)
        moment = datetime.fromisoformat(returned(ask(client, "get_expiry_date")))
        panel = datetime.fromisoformat(
            client.get(reverse("panel")).json()["expiry_date"]
        )
        assert moment - panel > timedelta(days=13)
