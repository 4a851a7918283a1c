"""
/start/how-sessions-work/: the cookie holds a key, the data lives on the
server.
"""

import pytest
from django.contrib.sessions.backends.signed_cookies import SessionStore as SignedStore
from django.contrib.sessions.models import Session
from django.urls import reverse

from tests.helpers import parse

pytestmark = pytest.mark.django_db


class TestHowSessionsWork:
    def test_first_visit_creates_session_and_cookie(self, client):
        """The first write creates a 32-character key, a stored row and a cookie."""
        assert "sessionid" not in client.get(reverse("how_sessions_work")).cookies
        response = client.post(reverse("how_sessions_work"))
        key = response.cookies["sessionid"].value
        assert len(key) == 32
        assert Session.objects.get(session_key=key).get_decoded() == {"visits": 1}

    def test_cookie_carries_only_the_key(self, client):
        """The cookie's value is the session key; the data is not in it."""
        response = client.post(reverse("how_sessions_work"))
        assert response.cookies["sessionid"].value == client.session.session_key
        assert "visits" not in response.cookies["sessionid"].OutputString()

    def test_count_survives_across_requests(self, client):
        """The browser's cookie brings the same data back on the next request."""
        for _ in range(3):
            client.post(reverse("how_sessions_work"))
        assert client.session["visits"] == 3
        page = client.get(reverse("how_sessions_work"))
        assert "visits" in parse(page).select_one("#session-panel").get_text()

    def test_signed_cookies_carry_the_data_itself(self, client, settings):
        """With signed_cookies there is no store: the data travels in the cookie."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
        response = client.post(reverse("how_sessions_work"))
        cookie = response.cookies["sessionid"].value
        assert SignedStore(cookie).load() == {"visits": 1}
        assert not Session.objects.exists()


def test_a_session_round_trips_on_every_engine(client, engine):
    """Each of the five engines stores the visit count and finds it again."""
    client.post(reverse("how_sessions_work"))
    client.post(reverse("how_sessions_work"))
    assert client.session["visits"] == 2


def test_a_count_of_the_wrong_type_starts_again(client):
    """Text stored under "visits" by another lesson restarts the count at 1."""
    client.post(reverse("setitem"), {"key": "visits", "value": "many"})
    response = client.post(reverse("how_sessions_work"))
    assert response.status_code == 302
    assert client.session["visits"] == 1
