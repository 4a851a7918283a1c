"""
/settings/session-save-every-request/: saved on every request, so the
expiry slides.
"""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.contrib.sessions.models import Session
from django.http import HttpResponse
from django.utils import timezone

from tests.helpers import (
    change_lab,
    new_session,
    reopen,
    respond,
    save_session,
    setting_page,
    setting_url,
    text,
)

pytestmark = pytest.mark.django_db


class TestSaveEveryRequest:
    def test_off_reading_sends_no_cookie(self, client, engine):
        """By default, a page that only reads the session sends no cookie."""
        save_session(client)
        response = client.get(setting_url("SESSION_SAVE_EVERY_REQUEST"))
        assert "sessionid" not in response.cookies
        assert "Cookie" in response["Vary"]

    def test_on_every_load_sends_the_cookie(self, client, engine):
        """After POST /lab/ save_every_request=true, every load sends the cookie."""
        save_session(client)
        change_lab(client, save_every_request="true")
        for _ in range(2):
            response = client.get(setting_url("SESSION_SAVE_EVERY_REQUEST"))
            assert response.cookies["sessionid"]["max-age"] == 1209600
        items = setting_page(client, "SESSION_SAVE_EVERY_REQUEST").select(".sliding li")
        assert len(items) >= 2
        assert all("Expires" in text(item) for item in items)

    def test_expiry_slides_on_each_load(self, client, settings, monkeypatch):
        """Each load moves the stored expiry forward, a minute later, a minute on."""
        settings.SESSION_SAVE_EVERY_REQUEST = True
        key = save_session(client).cookies["sessionid"].value
        first = Session.objects.get(session_key=key).expire_date
        later = timezone.now() + timedelta(minutes=1)
        monkeypatch.setattr(timezone, "now", lambda: later)
        client.get(setting_url("SESSION_SAVE_EVERY_REQUEST"))
        second = Session.objects.get(session_key=key).expire_date
        assert timedelta(seconds=55) < second - first < timedelta(seconds=65)

    @pytest.mark.parametrize("save_every_request", [False, True])
    def test_on_a_view_that_never_touches_it_saves(
        self, rf, settings, engine, save_every_request
    ):
        """With the setting, a session is saved although the view never read it."""
        settings.SESSION_SAVE_EVERY_REQUEST = save_every_request
        request = rf.get("/")
        request.session = reopen(new_session())
        with mock.patch.object(type(request.session), "save", autospec=True) as save:
            response = respond(request)
        assert save.called is save_every_request
        assert ("sessionid" in response.cookies) is save_every_request

    def test_empty_sessions_and_server_errors_are_never_saved(
        self, rf, settings, engine
    ):
        """Even with the setting: an empty session, or a 5xx response, saves nothing."""
        settings.SESSION_SAVE_EVERY_REQUEST = True
        empty = rf.get("/")
        empty.session = type(new_session())()
        failed = rf.get("/")
        failed.session = reopen(new_session())
        middleware = SessionMiddleware(lambda request: HttpResponse())
        with mock.patch.object(type(empty.session), "save", autospec=True) as save:
            assert "sessionid" not in respond(empty).cookies
            response = middleware.process_response(failed, HttpResponse(status=500))
            assert "sessionid" not in response.cookies
        save.assert_not_called()
