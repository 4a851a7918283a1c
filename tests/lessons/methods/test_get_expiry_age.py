"""
set_expiry() in every form, and the three getters, on every engine.
"""

from datetime import timedelta

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


def pretend_saved_long_ago(client, seconds_left: int) -> None:
    """Move the stored expiry close, as if the last save were long past."""
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() + timedelta(seconds=seconds_left)
    )


class TestGetExpiryAge:
    def test_default_is_the_cookie_age(self, client, engine):
        """Without set_expiry() it returns SESSION_COOKIE_AGE."""
        assert returned(ask(client, "get_expiry_age")) == str(COOKIE_AGE)
        set_item(client, "username", "JohnDoe")
        assert returned(ask(client, "get_expiry_age")) == str(COOKIE_AGE)

    def test_follows_set_expiry(self, client, engine):
        """An int comes back as is, a fixed moment as seconds left, 0 as the age."""
        set_expiry(client, "seconds", seconds="300")
        assert returned(ask(client, "get_expiry_age")) == "300"
        set_expiry(client, "timedelta", seconds="600")
        assert 595 <= int(returned(ask(client, "get_expiry_age"))) <= 600
        set_expiry(client, "0")
        assert returned(ask(client, "get_expiry_age")) == str(COOKIE_AGE)

    def test_counts_from_now_not_from_the_last_save(self, client):
        """Long after the last save it still says two weeks; the panel says less."""
        set_item(client, "username", "JohnDoe")
        pretend_saved_long_ago(client, 100)
        assert returned(ask(client, "get_expiry_age")) == str(COOKIE_AGE)
        assert client.get(reverse("panel")).json()["expiry_age"] <= 100
