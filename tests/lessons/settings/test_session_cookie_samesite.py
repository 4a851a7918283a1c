"""
/settings/session-cookie-samesite/: the SameSite attribute, and None
without Secure.
"""

import pytest

from tests.helpers import change_lab, parse, save_session, setting_page, text

pytestmark = pytest.mark.django_db


class TestCookieSameSite:
    def test_lax_by_default(self, client, engine):
        """By default the session cookie is SameSite=Lax."""
        assert save_session(client).cookies["sessionid"]["samesite"] == "Lax"

    @pytest.mark.parametrize(
        ("choice", "header"),
        [
            ("Strict", "Strict"),
            ("None", "None"),
            ("False", ""),
        ],
    )
    def test_each_choice_shows_in_the_header(self, client, choice, header):
        """Each choice goes into the SameSite attribute; False leaves it out."""
        change_lab(client, cookie_samesite=choice, cookie_secure="true")
        cookie = save_session(client).cookies["sessionid"]
        assert cookie["samesite"] == header
        shown = text(
            setting_page(client, "SESSION_COOKIE_SAMESITE").select_one(
                ".last-set-cookie"
            )
        )
        assert (f"SameSite={header}" in shown) is bool(header)

    def test_none_without_secure_is_warned(self, client):
        """Choosing None without Secure says that browsers will refuse the cookie."""
        response = change_lab(client, cookie_samesite="None")
        shown = parse(client.get(response.url))
        notices = " ".join(text(p) for p in shown.select(".lab-notice"))
        assert "Browsers refuse a SameSite=None cookie that is not Secure" in notices
