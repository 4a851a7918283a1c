"""
lab/switch.py: moving a visitor's session from one profile to another,
with or without the data, never leaving an old session or cookie behind.
"""

import shutil
from datetime import UTC, datetime
from unittest.mock import patch

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError
from django.test import RequestFactory
from django.urls import reverse

from sessions_demo.lab.engines import ENGINES, engine_path
from sessions_demo.lab.profile import (
    read,
)
from sessions_demo.lab.stores import store_class
from tests.helpers import change_lab, lab_notices, panel_json, parse, set_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def folder_removed(client, settings, tmp_path):
    """A visitor on the file engine, in a lab folder that then disappears."""
    folder = tmp_path / "lab-folder"
    folder.mkdir()
    settings.LAB_SESSION_FILE_PATHS = [str(folder)]
    change_lab(client, engine="file", file_path=str(folder))
    set_item(client, "colour", "green")
    shutil.rmtree(folder)


class TestSwitchingEngines:
    @pytest.mark.parametrize("target", [e for e in ENGINES if e != "db"])
    def test_carry_moves_the_data_and_deletes_the_old_row(self, client, target):
        """With carry, the data comes along under a new key; the old row is gone."""
        set_item(client, "colour", "green")
        old_key = client.cookies["sessionid"].value
        response = change_lab(client, engine=target, carry="on")
        assert response.status_code == 302
        assert "every user would lose their session" in lab_notices(
            client.get(reverse("lab"))
        )
        new_cookie = response.cookies["sessionid"]
        assert new_cookie.value and new_cookie.value != old_key
        assert not Session.objects.filter(session_key=old_key).exists()
        state = panel_json(client)
        assert (state["engine"], state["data"]) == (target, {"colour": "green"})

    def test_without_carry_the_session_is_gone(self, client):
        """Without carry, the old session is deleted and its cookie too."""
        set_item(client, "colour", "green")
        response = change_lab(client, engine="cache")
        assert response.cookies["sessionid"]["max-age"] == 0
        assert not Session.objects.exists()
        assert panel_json(client)["data"] == {}

    def test_header_switcher_posts_back_to_the_page(self, client):
        """Every page's header switcher posts the engine and the current page."""
        page = parse(client.get(reverse("setitem")))
        form = page.select_one("header form.lab-switcher")
        assert form["action"] == reverse("lab")
        assert form.select_one("[name=next]")["value"] == reverse("setitem")
        assert form.select_one("option[selected]")["value"] == "db"
        assert form.select_one("[name=csrfmiddlewaretoken]")

    def test_renaming_the_cookie_replaces_it(self, client):
        """A new cookie name deletes the old cookie and carries the session over."""
        set_item(client, "colour", "green")
        response = change_lab(client, cookie_name="labsid", carry="on")
        assert response.cookies["sessionid"]["max-age"] == 0
        assert response.cookies["labsid"].value
        assert panel_json(client)["cookie_name"] == "labsid"
        assert panel_json(client)["data"] == {"colour": "green"}

    def test_moving_the_path_deletes_the_cookie_at_the_old_path(self, client):
        """Same name, new path: one Set-Cookie deletes the old, one sets the new."""
        set_item(client, "colour", "green")
        key = client.cookies["sessionid"].value
        response = change_lab(client, cookie_path="/lab/", carry="off")
        headers = [m.OutputString() for m in response.cookies.values()]
        old = [h for h in headers if h.startswith('sessionid="";')]
        new = [h for h in headers if h.startswith(f"sessionid={key}")]
        assert len(old) == 1 and "Path=/;" in old[0] and "Max-Age=0" in old[0]
        assert len(new) == 1 and "Path=/lab/" in new[0]

    def test_attribute_changes_reissue_the_cookie(self, client):
        """Changing an attribute keeps the session and re-sends the cookie."""
        set_item(client, "colour", "green")
        key = client.cookies["sessionid"].value
        cookie = change_lab(client, cookie_httponly="off").cookies["sessionid"]
        assert (cookie.value, cookie["httponly"]) == (key, "")
        assert panel_json(client)["data"] == {"colour": "green"}


class TestSerializerSwitch:
    def lab_store(self, client):
        request = RequestFactory().get("/")
        request.COOKIES = {
            name: morsel.value for name, morsel in client.cookies.items()
        }
        profile, _ = read(request)
        return store_class(profile)(request.COOKIES.get(profile.cookie_name))

    def test_json_refuses_data_it_cannot_write(self, client):
        """Back to JSON with a datetime in the session: 400, and nothing is lost."""
        change_lab(client, serializer="rich")
        set_item(client, "colour", "green")
        session = self.lab_store(client)
        session["when"] = datetime(2026, 1, 2, tzinfo=UTC)
        session.save()
        response = change_lab(client, serializer="json")
        assert response.status_code == 400
        assert "JSONSerializer cannot write" in lab_notices(response)
        assert self.lab_store(client)["when"] == datetime(2026, 1, 2, tzinfo=UTC)

    def test_cached_db_drops_the_old_caches_copy(self, client):
        """cached_db moving cache: the old cache no longer holds a stale copy."""
        change_lab(client, engine="cached_db")
        set_item(client, "colour", "green")
        key = "django.contrib.sessions.cached_db" + client.cookies["sessionid"].value
        assert caches["default"].get(key) is not None
        change_lab(client, cache_alias="sessions")
        assert caches["default"].get(key) is None
        assert caches["sessions"].get(key) == {"colour": "green"}


class TestLeavingABrokenStore:
    def test_a_removed_folder_can_be_left(self, client, folder_removed):
        """The file folder vanished: every page fails, but the lab switches away."""
        with pytest.raises(ImproperlyConfigured):
            client.get(reverse("index"))
        response = change_lab(client, engine="db", carry="on", next=reverse("index"))
        assert response.status_code == 302
        assert response.cookies["sessionid"]["max-age"] == 0
        notes = lab_notices(client.get(reverse("index")))
        assert "Your file store failed (ImproperlyConfigured" in notes
        assert "you start afresh" in notes
        assert panel_json(client)["engine"] == "db"

    def test_a_cache_that_is_down_can_be_left(self, client):
        """The cache raises on every read: the lab still switches to another engine."""
        change_lab(client, engine="cache")
        set_item(client, "colour", "green")
        client.get(reverse("index"))  # shows, and so clears, the earlier notices
        down = ConnectionError("the cache server is down")
        with (
            patch.object(type(caches["default"]), "get", side_effect=down),
            patch.object(type(caches["default"]), "delete", side_effect=down),
        ):
            response = change_lab(client, engine="file", carry="on")
        # Django's cache engine reads a failing cache as "no session".
        assert response.status_code == 302
        assert "from cache to file" in lab_notices(client.get(reverse("index")))
        assert panel_json(client)["engine"] == "file"

    def test_a_store_failing_to_delete_is_noted(self, client):
        """The old store refuses to delete: the switch still happens, and says so."""
        set_item(client, "colour", "green")
        locked = DatabaseError("database is locked")
        with patch.object(SessionStore, "delete", side_effect=locked):
            response = change_lab(client, engine="cache", carry="on")
        assert response.status_code == 302
        notes = lab_notices(client.get(reverse("index")))
        assert "Your db store failed (DatabaseError: database is locked)" in notes
        assert "its old copy may remain there" in notes
        assert panel_json(client)["data"] == {"colour": "green"}
        assert panel_json(client)["engine"] == "cache"

    def test_a_refusal_leaves_the_broken_cookie_alone(self, client, folder_removed):
        """Bad input while the store is broken: a 400, and the cookie is kept."""
        response = change_lab(client, engine="pickle")
        assert response.status_code == 400
        assert "sessionid" not in response.cookies

    def test_other_views_fail_as_django_does(self, client, settings, tmp_path):
        """Only the lab escapes: elsewhere the store's error surfaces unchanged."""
        settings.SESSION_ENGINE = engine_path("file")
        settings.SESSION_FILE_PATH = str(tmp_path / "missing")
        with pytest.raises(ImproperlyConfigured):
            client.get(reverse("panel"))
