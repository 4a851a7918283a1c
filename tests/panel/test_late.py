"""
panel/late.py: the panel is rendered once SessionMiddleware has saved, so it
shows the key, the expiry and the cookie this very response carries.
"""

import json
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.sessions.models import Session
from django.core import signing
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from sessions_demo.lab.engines import engine_path
from sessions_demo.panel import exchange
from sessions_demo.panel.late import MARKER
from tests.helpers import change_lab, parse, set_item, text

pytestmark = pytest.mark.django_db


def snapshot_on(response) -> dict:
    """Return the snapshot the page hands its panel's script."""
    return json.loads(parse(response).select_one("script#session-snapshot").string)


def record_of(client) -> list[exchange.Exchange]:
    request = RequestFactory().get("/")
    request.COOKIES = {k: m.value for k, m in client.cookies.items()}
    return exchange.recent(request)


class TestAfterTheSave:
    def test_panel_shows_the_expiry_saved_by_this_response(self, client, settings):
        """With SESSION_SAVE_EVERY_REQUEST, the panel shows the expiry just saved."""
        settings.SESSION_SAVE_EVERY_REQUEST = True
        set_item(client)
        key = client.cookies["sessionid"].value
        earlier = timezone.now() + timedelta(seconds=100)
        Session.objects.filter(session_key=key).update(expire_date=earlier)
        response = client.get(reverse("get"))
        saved = Session.objects.get(session_key=key).expire_date
        assert saved > earlier + timedelta(days=13)  # this response saved again
        shown = snapshot_on(response)
        assert shown["expiry_date"] == saved.isoformat()
        # Whole seconds: the panel counts down what is left, rounded down.
        assert 0 <= response.cookies["sessionid"]["max-age"] - shown["expiry_age"] <= 1
        assert "Cookie" in response["Vary"]

    def test_signed_cookie_shown_is_the_one_this_response_sets(self, client, settings):
        """With signed_cookies saved on every request, the key is the new cookie."""
        settings.SESSION_ENGINE = engine_path("signed_cookies")
        settings.SESSION_SAVE_EVERY_REQUEST = True
        set_item(client)
        sent = client.cookies["sessionid"].value
        later = time.time() + 5  # another second: another timestamp, signature
        with mock.patch.object(signing.time, "time", return_value=later):
            response = client.get(reverse("get"))
        new = response.cookies["sessionid"].value
        assert new != sent
        assert snapshot_on(response)["session_key"] == new
        assert parse(response).select_one("#session-panel code.key").text == new

    def test_this_page_row_names_the_cookie_this_response_sets(self, client, settings):
        """The panel says whether this page's own response set the cookie, and why."""
        set_item(client)
        quiet = parse(client.get(reverse("get")))
        assert "set no cookie: the session was not modified" in text(
            quiet.select_one('#session-panel [data-field="response"]')
        )
        settings.SESSION_SAVE_EVERY_REQUEST = True
        saving = parse(client.get(reverse("get")))
        assert "set the cookie for 14 days ( 1209600 s)" in text(
            saving.select_one('#session-panel [data-field="response"]')
        )


class TestObservesOnly:
    def test_page_that_never_uses_the_session_never_loads_it(self, client):
        """A page whose view ignores the session reads no store, yet has Vary."""
        set_item(client, "colour", "green")
        response = client.get(reverse("setitem"))
        newest = record_of(client)[0]
        assert (newest.method, newest.store_calls) == ("GET", ())
        assert newest.accessed is False
        assert "Cookie" in response["Vary"]
        panel = parse(response).select_one("#session-panel")
        assert panel.select_one('tr[data-key="colour"]')  # read without load()

    def test_no_marker_is_left_in_the_page(self, client):
        """Every marker is replaced; the page's length is the one sent."""
        set_item(client)
        response = client.get(reverse("engine_db"))
        assert b"late-part:" not in response.content
        if response.has_header("Content-Length"):
            assert int(response["Content-Length"]) == len(response.content)

    def test_page_text_cannot_forge_a_marker(self, client):
        """A session value spelling a marker is shown as text, never replaced."""
        forged = MARKER.format(nonce="0" * 16, index=0)
        set_item(client, "forged", forged)
        page = parse(client.get(reverse("get")))
        assert forged in text(page.select_one("#session-panel .panel-data"))


class TestOutsideTheMiddleware:
    def test_renders_at_once_without_the_middleware(self, client):
        """A template rendered outside the middleware gets the panel at once."""
        change_lab(client, engine="db")
        request = RequestFactory().get("/")
        from django.contrib.sessions.backends.db import SessionStore

        request.session = SessionStore()
        html = Template("{% load panel %}{% session_panel %}").render(
            Context({"request": request})
        )
        assert 'id="session-panel"' in html
        assert "late-part:" not in html
