"""
/settings/session-cookie-name/: the cookie Django reads the key from.
"""

import os

import pytest
from django.contrib.sessions.backends.db import SessionStore as DbStore
from django.urls import reverse

from sessions_demo.lessons.settings import SAVES_KEY
from tests.helpers import change_lab, save_session, setting_page, text

pytestmark = pytest.mark.django_db


class TestCookieName:
    def test_lab_renames_the_cookie_and_drops_the_old_one(self, client):
        """Renaming deletes the old cookie and sets the new one, data carried over."""
        save_session(client)
        response = change_lab(client, cookie_name="custom_sessionid", carry="on")
        assert response.cookies["sessionid"].value == ""
        assert response.cookies["sessionid"]["max-age"] == 0
        key = response.cookies["custom_sessionid"].value
        assert DbStore(key)[SAVES_KEY] == 1
        assert save_session(client).cookies["custom_sessionid"].value == key

    def test_stock_django_ignores_the_old_cookie(self, client, settings):
        """With another name, Django ignores the old cookie and never deletes it."""
        old = save_session(client).cookies["sessionid"].value
        settings.SESSION_COOKIE_NAME = "custom_sessionid"
        response = save_session(client)
        assert "sessionid" not in response.cookies
        assert response.cookies["custom_sessionid"].value != old
        assert DbStore(response.cookies["custom_sessionid"].value)[SAVES_KEY] == 1

    def test_page_shows_which_cookie_django_reads(self, client):
        """The page lists the cookies each request sent, marking the one Django read."""
        save_session(client)
        change_lab(client, cookie_name="custom_sessionid", carry="on")
        client.get(reverse("index"))
        shown = setting_page(client, "SESSION_COOKIE_NAME")
        assert text(shown.select_one(".current-name")) == "custom_sessionid"
        after, renaming = shown.select(".sent-cookies li")[:2]
        assert [text(c) for c in after.select(".read-by-django")] == [
            "custom_sessionid"
        ]
        # The request that renamed it still came in with the old cookie.
        assert text(renaming.code) == f"POST {reverse('lab')}"
        assert [text(c) for c in renaming.select(".read-by-django")] == ["sessionid"]

    def test_the_file_engine_names_its_files_after_it(self, client, settings):
        """file: each session file is named <SESSION_COOKIE_NAME><key>."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.file"
        settings.SESSION_COOKIE_NAME = "custom_sessionid"
        response = save_session(client)
        key = response.cookies["custom_sessionid"].value
        assert os.listdir(settings.SESSION_FILE_PATH) == [f"custom_sessionid{key}"]
