"""
/settings/session-cookie-httponly/: the cookie hidden from scripts.
"""

import pytest
from django.conf import global_settings

from tests.helpers import change_lab, save_session, setting_page, setting_url, text

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

    def test_the_csrf_cookie_is_not_httponly(self, client):
        """CSRF_COOKIE_HTTPONLY is False by default: scripts may read csrftoken."""
        assert global_settings.CSRF_COOKIE_HTTPONLY is False
        response = client.get(setting_url("SESSION_COOKIE_HTTPONLY"))
        assert not response.cookies["csrftoken"]["httponly"]
