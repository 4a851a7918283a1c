"""
panel/snapshot.py: what the live panel on every page shows.
"""

import json
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tests.helpers import parse

pytestmark = pytest.mark.django_db

SCRIPT = "</script><script>alert(1)</script>"


def panel_box(client):
    """Return the panel on a lesson page."""
    return parse(client.get(reverse("setitem"))).select_one("#session-panel")


class TestPanelContents:
    def test_new_visitor_has_no_session_yet(self, client):
        """Before anything is stored, the panel says when the cookie will come."""
        response = client.get(reverse("setitem"))
        text = parse(response).select_one("#session-panel").get_text(" ", strip=True)
        assert "no session yet — Django creates one, and sends its cookie, when" in text
        assert "sessionid" not in response.cookies

    def test_shows_engine_cookie_key_and_data(self, client):
        """The panel names the engine and cookie, and lists the data."""
        client.post(reverse("setitem"), {"key": "username", "value": "JohnDoe"})
        box = panel_box(client)
        assert box.select_one("code.key").text == client.session.session_key
        text = box.get_text(" ", strip=True)
        assert "db" in text
        assert "sessionid" in text
        row = box.select_one(".panel-data tbody tr")
        assert [td.get_text(strip=True) for td in row.select("td")] == [
            "username",
            '"JohnDoe"',
        ]

    def test_marks_djangos_internal_keys(self, client):
        """Keys starting with _ (here _session_expiry) are marked as Django's."""
        client.get(reverse("set_session"))
        rows = panel_box(client).select(".panel-data tbody tr")
        internal = [row for row in rows if "internal" in row.get("class", [])]
        assert [row.code.text for row in internal] == ["_session_expiry"]
        assert internal[0].select_one(".badge")

    def test_values_are_escaped(self, client):
        """A key or value made of markup shows as text, never as markup."""
        client.post(reverse("setitem"), {"key": SCRIPT, "value": SCRIPT})
        response = client.get(reverse("setitem"))
        assert SCRIPT.encode() not in response.content
        assert SCRIPT in panel_box(client).get_text()

    def test_script_gets_the_snapshot_as_inert_json(self, client):
        """The panel's script reads the snapshot from json_script: data, not code."""
        client.post(reverse("setitem"), {"key": SCRIPT, "value": SCRIPT})
        page = parse(client.get(reverse("setitem")))
        script = page.select_one("#session-panel script#session-snapshot")
        assert script["type"] == "application/json"
        assert "<" not in script.string
        handed = json.loads(script.string)
        assert handed["data"] == {SCRIPT: SCRIPT}
        assert handed["session_key"] == client.session.session_key
        assert handed["expire_at_browser_close"] is False
        assert page.select_one("#session-panel")["data-panel-url"] == reverse("panel")

    def test_expiry_is_the_stored_one(self, client):
        """The countdown starts from the store's expire_date, not from "now"."""
        client.get(reverse("set_session"))
        key = client.session.session_key
        soon = timezone.now() + timedelta(seconds=100)
        Session.objects.filter(session_key=key).update(expire_date=soon)
        data = client.get(reverse("panel")).json()
        assert 95 <= data["expiry_age"] <= 100
        assert data["expire_at_browser_close"] is False

    def test_browser_close_expiry_is_named(self, client, settings):
        """With expire-at-browser-close on, the panel says so instead of counting."""
        settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
        client.post(reverse("setitem"), {"key": "username", "value": "JohnDoe"})
        text = panel_box(client).select_one('[data-field="expires"]').get_text(" ")
        assert "when the browser closes" in text
        assert "the store keeps it until" in text  # the server still expires it
        assert "expiry-age" not in str(panel_box(client))
