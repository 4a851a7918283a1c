"""
/panel/ and /panel/stored/: the live panel as data, read once per poll,
and looking never changes the session.
"""

import os
from datetime import timedelta
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests import backends
from tests.helpers import change_lab, panel_json, parse, set_item

pytestmark = pytest.mark.django_db

SCRIPT = "</script><script>alert(1)</script>"


def stored_state(client, engine: str) -> object:
    """Fingerprint what the engine holds, expiry included, for the visitor."""
    key = client.cookies["sessionid"].value
    if engine in ("db", "cached_db", "user_db"):
        model = import_module(settings.SESSION_ENGINE).SessionStore.get_model_class()
        row = model.objects.get(session_key=key)
        return row.session_data, row.expire_date
    if engine == "cache":
        return backends.fingerprint(
            caches["default"], "django.contrib.sessions.cache" + key
        )
    if engine == "file":
        path = os.path.join(settings.SESSION_FILE_PATH, "sessionid" + key)
        with open(path) as stored:
            return stored.read(), os.stat(path).st_mtime_ns
    return key


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


class TestOneReadPerPoll:
    """The panel's script polls /panel/: each poll reads the store once."""

    def test_db_is_one_select_and_no_write(self, client, settings):
        """On db, /panel/ costs one SELECT on django_session and writes nothing."""
        set_item(client)
        with CaptureQueriesContext(connection) as queries:
            assert panel_json(client)["data"] == {"username": "JohnDoe"}
        assert [q["sql"].split()[0] for q in queries.captured_queries] == ["SELECT"]

    def test_cached_db_warm_is_at_most_one_read(self, client, settings):
        """On cached_db with a warm cache, at most the SELECT that shows the row."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
        set_item(client)
        with CaptureQueriesContext(connection) as queries:
            assert panel_json(client)["data"] == {"username": "JohnDoe"}
        assert len(queries.captured_queries) <= 1
        assert all(q["sql"].startswith("SELECT") for q in queries.captured_queries)

    def test_an_expired_session_reads_as_none(self, client):
        """Expired in the store: the panel shows no key and no data, as load() would."""
        set_item(client)
        Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
        snapshot = panel_json(client)
        assert snapshot["session_key"] is None
        assert snapshot["data"] == {}

    def test_the_poll_varies_on_cookie(self, client, engine):
        """What /panel/ answers depends on the cookie: it says so in Vary."""
        set_item(client)
        assert "Cookie" in client.get(reverse("panel"))["Vary"]


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


class TestPanelObserves:
    @pytest.mark.parametrize(
        "profile",
        [
            {"save_every_request": "off"},
            {"save_every_request": "on"},
            {
                "save_every_request": "on",
                "expire_at_browser_close": "on",
                "cookie_age": "60",
                "serializer": "rich",
            },
        ],
        ids=["project", "save-every-request", "every-request-browser-close"],
    )
    def test_panel_never_writes(self, client, engine, profile):
        """GET /panel/ saves nothing, refreshes no expiry, sets no cookie."""
        change_lab(client, engine=engine, **profile)
        set_item(client, "colour", "green")
        before = stored_state(client, engine)
        response = client.get(reverse("panel"))
        assert response.status_code == 200
        assert dict(response.cookies) == {}
        assert stored_state(client, engine) == before

    def test_other_pages_do_save_every_request(self, client):
        """The exemption is the panel's alone: other pages save on every request."""
        change_lab(client, save_every_request="on")
        set_item(client, "colour", "green")
        assert client.get(reverse("index")).cookies["sessionid"].value

    def test_panel_shows_the_visitors_profile(self, client):
        """The panel names the visitor's engine, cookie and browser-close setting."""
        change_lab(
            client, engine="file", cookie_name="labsid", expire_at_browser_close="on"
        )
        set_item(client, "colour", "green")
        state = panel_json(client)
        assert (state["engine"], state["cookie_name"]) == ("file", "labsid")
        assert state["expire_at_browser_close"] is True


class TestResetMySession:
    def test_flushes_and_goes_back_to_the_panel(self, client, engine):
        """The panel's reset flushes the session, drops the cookie, goes back."""
        set_item(client, "colour", "green")
        back = reverse("keys")
        response = client.post(reverse("panel_reset"), {"next": back})
        assert response.status_code == 302
        assert response.url == back + "#session-panel"
        assert response.cookies["sessionid"]["max-age"] == 0
        assert panel_json(client)["data"] == {}
        if engine == "db":
            assert not Session.objects.exists()

    def test_says_what_happened_in_the_panel(self, client):
        """The page after a reset says, in the panel, what flush() did."""
        set_item(client)
        client.post(reverse("panel_reset"), {"next": reverse("keys")})
        page = parse(client.get(reverse("keys")))
        notice = page.select_one("#session-panel .panel-notice")
        assert "flush() deleted it from the store" in notice.get_text()
        assert notice["role"] == "status"
        again = parse(client.get(reverse("keys")))
        assert again.select_one("#session-panel .panel-notice") is None

    def test_keeps_the_lab_settings(self, client):
        """Resetting the session leaves the visitor's lab settings alone."""
        change_lab(client, engine="cache")
        set_item(client)
        client.post(reverse("panel_reset"), {"next": reverse("keys")})
        assert panel_json(client)["engine"] == "cache"

    def test_refuses_get_and_foreign_next(self, client):
        """GET changes nothing (405); a next on another site goes to the contents."""
        set_item(client)
        assert client.get(reverse("panel_reset")).status_code == 405
        response = client.post(reverse("panel_reset"), {"next": "https://evil.test/"})
        assert response.url == reverse("index") + "#session-panel"

    def test_needs_the_csrf_token(self, client):
        """Without the form's CSRF token the reset is refused and nothing is lost."""
        set_item(client)
        strict = Client(enforce_csrf_checks=True)
        strict.cookies = client.cookies
        assert strict.post(reverse("panel_reset")).status_code == 403
        assert panel_json(strict)["data"] == {"username": "JohnDoe"}

    def test_every_page_offers_it_with_a_token(self, client):
        """Each page's panel has the reset form: a POST, with a CSRF token."""
        form = parse(client.get(reverse("get"))).select_one("#session-panel form")
        assert form["action"] == reverse("panel_reset")
        assert form["method"] == "post"
        assert form.select_one("[name=csrfmiddlewaretoken]")["value"]
        assert form.select_one("[name=next]")["value"] == reverse("get")
