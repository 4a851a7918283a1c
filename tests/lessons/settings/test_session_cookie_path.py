"""
/settings/session-cookie-path/: the URLs the cookie is sent to.
"""

import pytest
from django.urls import reverse

from tests.helpers import change_lab, save_session, setting_page, setting_url, text

pytestmark = pytest.mark.django_db


class TestCookiePath:
    def test_set_cookie_carries_the_path(self, client, engine):
        """After POST /lab/ cookie_path=/settings/ the cookie comes with that Path."""
        change_lab(client, cookie_path="/settings/")
        assert save_session(client).cookies["sessionid"]["path"] == "/settings/"

    def test_page_shows_which_requests_carried_it(self, client):
        """The page says, request by request, whether the session cookie came along."""
        save_session(client)
        client.get(setting_url("SESSION_COOKIE_PATH"))
        # What a browser does outside the cookie's path: it sends no cookie.
        del client.cookies["sessionid"]
        client.get(reverse("index"))
        items = setting_page(client, "SESSION_COOKIE_PATH").select(".sent-cookies li")
        outside, inside = items[0], items[1]
        assert text(outside.code) == f"GET {reverse('index')}"
        assert text(outside.select_one(".not-carried")) == (
            "— no sessionid cookie, so no session there"
        )
        assert not outside.select(".read-by-django")
        assert text(inside.code) == f"GET {setting_url('SESSION_COOKIE_PATH')}"
        assert text(inside.select_one(".carried")) == "— with the session cookie"
        assert text(inside.select_one(".read-by-django")) == "sessionid"
