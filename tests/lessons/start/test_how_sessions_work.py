"""
/start/how-sessions-work/: the cookie holds a key, the data lives on the
server.
"""

import re
import string
import time
from email.utils import parsedate_to_datetime
from unittest import mock

import pytest
from django.contrib.sessions.backends.signed_cookies import SessionStore as SignedStore
from django.contrib.sessions.models import Session
from django.urls import reverse

from tests.helpers import SERVER_SIDE, new_session, parse, reopen

pytestmark = pytest.mark.django_db


class TestHowSessionsWork:
    def test_first_visit_creates_session_and_cookie(self, client, engine):
        """Only the first write makes a session: a key (32 characters) and a cookie."""
        assert "sessionid" not in client.get(reverse("how_sessions_work")).cookies
        response = client.post(reverse("how_sessions_work"))
        key = response.cookies["sessionid"].value
        assert client.session["visits"] == 1
        if engine != "signed_cookies":  # there the cookie holds the data itself
            assert len(key) == 32
            assert set(key) <= set(string.ascii_lowercase + string.digits)

    def test_default_cookie_lasts_two_weeks(self, client, engine):
        """The Set-Cookie is persistent: expires and Max-Age=1209600, HttpOnly, Lax."""
        header = client.post(reverse("how_sessions_work")).cookies["sessionid"]
        assert re.fullmatch(
            r"Set-Cookie: sessionid=\S+; expires=\w{3}, \d\d \w{3} \d{4} [\d:]{8} GMT;"
            r" HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax",
            header.output(),
        )
        expires = parsedate_to_datetime(header["expires"]).timestamp()
        assert expires == pytest.approx(time.time() + 1209600, abs=5)

    def test_stored_as_a_row_with_the_db_engine(self, client):
        """With db (the default) the data lives in a row under that key."""
        key = client.post(reverse("how_sessions_work")).cookies["sessionid"].value
        assert Session.objects.get(session_key=key).get_decoded() == {"visits": 1}

    def test_data_loads_once_on_first_touch(self, engine):
        """A store is loaded when the view first touches it, and only once."""
        session = new_session({"visits": 1})
        store = type(session)
        real = store.load
        with mock.patch.object(store, "load", autospec=True, side_effect=real) as load:
            later = reopen(session)
            assert load.call_count == 0
            assert later["visits"] == 1 and later.get("visits") == 1
            assert load.call_count == 1

    @pytest.mark.parametrize("engine", SERVER_SIDE, indirect=True)
    def test_cookie_carries_only_the_key(self, client, engine):
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
    """Every engine stores the visit count and finds it again."""
    client.post(reverse("how_sessions_work"))
    client.post(reverse("how_sessions_work"))
    assert client.session["visits"] == 2


def test_a_count_of_the_wrong_type_starts_again(client):
    """Text stored under "visits" by another lesson restarts the count at 1."""
    client.post(reverse("setitem"), {"key": "visits", "value": "many"})
    response = client.post(reverse("how_sessions_work"))
    assert response.status_code == 302
    assert client.session["visits"] == 1
