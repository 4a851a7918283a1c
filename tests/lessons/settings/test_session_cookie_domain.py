"""
/settings/session-cookie-domain/: which hosts get the cookie.
"""

import pytest

from sessions_demo.lab.profile import LAB_COOKIE_NAME
from sessions_demo.lessons.settings import SAVES_KEY
from tests.helpers import change_lab, parse, save_session, setting_page, text

pytestmark = pytest.mark.django_db


class TestCookieDomain:
    def test_default_sends_no_domain(self, client, engine):
        """With None, the cookie has no Domain: it is host-only."""
        assert save_session(client).cookies["sessionid"]["domain"] == ""
        shown = setting_page(client, "SESSION_COOKIE_DOMAIN")
        assert "Domain=" not in text(shown.select_one(".last-set-cookie"))

    def test_guide_domain_is_refused_on_this_host(self, client):
        """On 127.0.0.1 the guide's ".example.com" is refused with a message."""
        save_session(client)
        response = change_lab(client, host="127.0.0.1", cookie_domain=".example.com")
        assert response.status_code == 400
        assert "would refuse a cookie for '.example.com'" in text(parse(response))
        assert LAB_COOKIE_NAME not in response.cookies
        assert "sessionid" not in response.cookies
        assert client.session[SAVES_KEY] == 1

    def test_django_sends_whatever_domain_is_set(self, client, settings):
        """Stock Django does not check the domain: it sends Domain=.example.com here."""
        settings.SESSION_COOKIE_DOMAIN = ".example.com"
        assert save_session(client).cookies["sessionid"]["domain"] == ".example.com"
        shown = setting_page(client, "SESSION_COOKIE_DOMAIN")
        assert "Domain=.example.com" in text(shown.select_one(".last-set-cookie"))

    def test_the_messages_cookie_takes_the_same_domain(self, client, settings):
        """Django's cookie message storage uses the session cookie's settings."""
        settings.SESSION_COOKIE_DOMAIN = ".example.com"
        messages = save_session(client).cookies["messages"]
        assert messages["domain"] == ".example.com"
        assert messages["httponly"] is True
        assert messages["samesite"] == "Lax"
        assert messages["secure"] == ""  # SESSION_COOKIE_SECURE is off
        settings.SESSION_COOKIE_SECURE = True
        assert save_session(client).cookies["messages"]["secure"] is True
