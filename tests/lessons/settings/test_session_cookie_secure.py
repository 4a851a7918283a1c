"""
/settings/session-cookie-secure/: the cookie sent over HTTPS only.
"""

import pytest

from tests.helpers import change_lab, save_session, setting_page, text

pytestmark = pytest.mark.django_db


class TestCookieSecure:
    def test_off_by_default(self, client, engine):
        """By default the session cookie is not Secure (the dev server speaks HTTP)."""
        assert not save_session(client).cookies["sessionid"]["secure"]

    def test_lab_turns_it_on(self, client, engine):
        """After POST /lab/ cookie_secure=true, the cookie comes with Secure."""
        change_lab(client, cookie_secure="true")
        assert save_session(client).cookies["sessionid"]["secure"] is True
        assert "Secure" in text(
            setting_page(client, "SESSION_COOKIE_SECURE").select_one(".last-set-cookie")
        )
