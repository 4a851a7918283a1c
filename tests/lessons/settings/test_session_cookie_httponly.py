"""
/settings/session-cookie-httponly/: the cookie hidden from scripts.
"""

import pytest

from tests.helpers import change_lab, save_session, setting_page, text

pytestmark = pytest.mark.django_db


class TestCookieHttpOnly:
    def test_httponly_by_default(self, client, engine):
        """By default the session cookie is HttpOnly."""
        assert save_session(client).cookies["sessionid"]["httponly"] is True

    def test_lab_turns_it_off(self, client, engine):
        """After POST /lab/ cookie_httponly=false, the cookie comes without HttpOnly."""
        change_lab(client, cookie_httponly="false")
        assert not save_session(client).cookies["sessionid"]["httponly"]
        shown = setting_page(client, "SESSION_COOKIE_HTTPONLY")
        assert "HttpOnly" not in text(shown.select_one(".last-set-cookie"))

    def test_page_hands_the_cookie_name_to_its_script(self, client):
        """The script gets the cookie's name through json_script, no inline code."""
        change_lab(client, cookie_name="custom_sessionid")
        save_session(client)
        shown = setting_page(client, "SESSION_COOKIE_HTTPONLY")
        data = shown.select_one("script#httponly-data")
        assert data["type"] == "application/json"
        assert '"cookie_name": "custom_sessionid"' in data.string
        assert '"sent": true' in data.string
        script = shown.select_one(".effect script[src]")
        assert script["src"].endswith("js/httponly.js")
        assert not script.string
