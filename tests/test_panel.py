"""The live panel: what it shows, and that looking never changes the session."""

import json
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from .conftest import parse
from .test_lab import stored_state

pytestmark = pytest.mark.django_db

SCRIPT = "</script><script>alert(1)</script>"


def panel(client):
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
        box = panel(client)
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
        rows = panel(client).select(".panel-data tbody tr")
        internal = [row for row in rows if "internal" in row.get("class", [])]
        assert [row.code.text for row in internal] == ["_session_expiry"]
        assert internal[0].select_one(".badge")

    def test_values_are_escaped(self, client):
        """A key or value made of markup shows as text, never as markup."""
        client.post(reverse("setitem"), {"key": SCRIPT, "value": SCRIPT})
        response = client.get(reverse("setitem"))
        assert SCRIPT.encode() not in response.content
        assert SCRIPT in panel(client).get_text()

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
        text = panel(client).select_one('[data-field="expires"]').get_text(" ")
        assert "when the browser closes" in text
        assert "the store keeps it until" in text  # the server still expires it
        assert "expiry-age" not in str(panel(client))


class TestPanelJson:
    def test_reading_never_modifies_the_session(self, client):
        """GET /panel/ sets no cookie, saves nothing and moves no expiry."""
        client.post(reverse("setitem"), {"key": "username", "value": "JohnDoe"})
        key = client.session.session_key
        row = Session.objects.get(session_key=key)
        response = client.get(reverse("panel"))
        assert "sessionid" not in response.cookies
        after = Session.objects.get(session_key=key)
        assert (after.session_data, after.expire_date) == (
            row.session_data,
            row.expire_date,
        )
        assert response.json()["data"] == {"username": "JohnDoe"}

    def test_no_session_reads_as_empty(self, client):
        """Without a session, /panel/ answers an empty snapshot and no cookie."""
        response = client.get(reverse("panel"))
        assert response.json()["session_key"] is None
        assert response.json()["data"] == {}
        assert "sessionid" not in response.cookies

    def test_panel_refuses_post(self, client):
        """The panel only reads: POST is not allowed."""
        assert client.post(reverse("panel")).status_code == 405


class TestPanelStored:
    def test_renders_what_the_engine_stored(self, client, engine):
        """/panel/stored/ is the panel's "stored by" part, for the visitor's engine."""
        client.post(reverse("setitem"), {"key": "username", "value": "JohnDoe"})
        response = client.get(reverse("panel_stored"))
        box = parse(response).select_one(".stored")
        assert box["data-engine"] == engine
        assert "JohnDoe" in box.get_text()

    @pytest.mark.parametrize("save_every_request", ["on", "off"])
    def test_never_writes(self, client, engine, save_every_request):
        """Like /panel/, it saves nothing, moves no expiry and sets no cookie."""
        client.post(
            reverse("lab"), {"engine": engine, "save_every_request": save_every_request}
        )
        client.post(reverse("setitem"), {"key": "username", "value": "JohnDoe"})
        before = stored_state(client, engine)
        response = client.get(reverse("panel_stored"))
        assert response.status_code == 200
        assert dict(response.cookies) == {}
        assert stored_state(client, engine) == before

    def test_values_are_escaped(self, client):
        """Markup in the stored data comes back as text."""
        client.post(reverse("setitem"), {"key": SCRIPT, "value": SCRIPT})
        response = client.get(reverse("panel_stored"))
        assert SCRIPT.encode() not in response.content
        assert SCRIPT in parse(response).select_one(".stored").get_text()

    def test_refuses_post(self, client):
        """It only reads: POST is not allowed."""
        assert client.post(reverse("panel_stored")).status_code == 405

    def test_left_out_of_the_http_exchange(self, client):
        """The panel's own looking is not one of the visitor's requests."""
        client.post(reverse("setitem"), {"key": "username", "value": "JohnDoe"})
        client.get(reverse("panel_stored"))
        page = parse(client.get(reverse("index")))
        recorded = [p.get_text() for p in page.select(".exchange-request")]
        assert recorded  # the visitor's own requests are there
        assert not [line for line in recorded if reverse("panel_stored") in line]
