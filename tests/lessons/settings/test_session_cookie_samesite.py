"""
/settings/session-cookie-samesite/: the SameSite attribute, and None
without Secure.
"""

import pytest
from django.urls import reverse

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

    def test_names_the_port_this_site_runs_on(self, client):
        """The two "sites" of this machine are named with the port in use, not 8000."""
        url = reverse("session_cookie_samesite")
        for port in ("80", "8321"):
            page = parse(client.get(url, SERVER_PORT=port))
            intro = text(page.select_one(".try-it"))
            assert f"http://localhost:{port}" in intro
            assert f"http://127.0.0.1:{port}" in intro
            assert ":8000" not in intro
