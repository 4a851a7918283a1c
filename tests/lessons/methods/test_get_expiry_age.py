"""
/methods/get-expiry-age/: the age the session would get if saved now.
"""

import pytest
from django.urls import reverse

from tests.helpers import (
    post_set_expiry,
    pretend_saved_long_ago,
    reading_result,
    returned,
    set_item,
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
