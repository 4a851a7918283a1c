"""
/methods/clear-expired/: clear_expired() and `manage.py clearsessions`:
which engines need them.
"""

import os
import time
from datetime import timedelta
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.sessions.backends.file import SessionStore as FileStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from sessions_demo.lessons.methods.clear_expired import plant_expired_session
from tests.helpers import parse, set_item

pytestmark = pytest.mark.django_db


def run(client) -> list[str]:
    """Plant and clear; return the result's lines: planted, call, after."""
    response = client.post(reverse("clear_expired"), follow=True)
    return parse(response).select_one(".outcome-line").get_text().split("\n")


class TestClearExpired:
    @pytest.mark.parametrize(
        "engine", ["db", "cached_db", "file", "user_db"], indirect=True
    )
    def test_db_and_file_keep_expired_sessions_until_cleared(self, client, engine):
        """db, cached_db, file (and user_db) keep it until clear_expired()."""
        planted, _, after = run(client)
        assert planted.endswith("exists() → True")
        assert after == "exists() → False"

    @pytest.mark.parametrize("engine", ["cache"], indirect=True)
    def test_cache_forgets_them_by_itself(self, client, engine):
        """The cache never keeps a session whose timeout is already past."""
        planted, _, after = run(client)
        assert planted.endswith("exists() → False")
        assert after == "exists() → False"

    @pytest.mark.parametrize("engine", ["signed_cookies"], indirect=True)
    def test_signed_cookies_store_nothing(self, client, engine):
        """signed_cookies store nothing: exists() is False, clear_expired() a no-op."""
        planted, call, _ = run(client)
        assert planted.endswith("exists() → False")
        assert call.endswith("signed_cookies.SessionStore.clear_expired()")

    @pytest.mark.parametrize("engine", ["db", "cached_db", "file"], indirect=True)
    def test_only_file_deletes_an_expired_session_on_loading(self, engine):
        """Loading an expired session deletes its file; db, cached_db keep the row."""
        store = import_module(settings.SESSION_ENGINE).SessionStore
        planted = plant_expired_session(store)
        assert store(planted).load() == {}
        assert store().exists(planted) is (engine != "file")

    def test_valid_sessions_survive(self, client, engine):
        """Clearing expired sessions leaves the visitor's own session alone."""
        set_item(client, "username", "JohnDoe")
        response = client.post(reverse("clear_expired"))
        assert response.status_code == 302
        assert client.session["username"] == "JohnDoe"


class TestClearSessionsCommand:
    def test_removes_expired_rows(self, client):
        """`manage.py clearsessions` deletes expired rows and keeps the others."""
        from django.contrib.sessions.backends.db import SessionStore

        set_item(client, "username", "JohnDoe")
        planted = plant_expired_session(SessionStore)
        row = Session.objects.get(session_key=planted)
        assert row.expire_date < timezone.now() - timedelta(seconds=30)
        call_command("clearsessions")
        assert not Session.objects.filter(session_key=planted).exists()
        assert Session.objects.filter(session_key=client.session.session_key).exists()


class TestDjangosFileEngineInASharedCourse:
    @pytest.mark.parametrize(
        ("cookie_age", "cookie_name", "goes"),
        [(1, "sessionid", True), (1, "s", True), (1209600, "s", False)],
        ids=["short age", "short age and prefix", "prefix alone"],
    )
    def test_one_visitors_settings_would_judge_every_file(
        self, settings, cookie_age, cookie_name, goes
    ):
        """Django's file clear_expired() with a 1 s age deletes others' files."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.file"
        someone_elses = FileStore()
        someone_elses["mine"] = "A"
        someone_elses.save()
        path = someone_elses._key_to_file()
        a_minute_ago = time.time() - 60
        os.utime(path, (a_minute_ago, a_minute_ago))
        settings.SESSION_COOKIE_AGE = cookie_age
        settings.SESSION_COOKIE_NAME = cookie_name
        FileStore.clear_expired()
        assert os.path.exists(path) is not goes


class TestTheFileEnginesBlindSpot:
    def test_a_file_given_seconds_is_never_cleared(self, settings):
        """file: set_expiry(1) is never judged expired, on load or by clearsessions."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.file"
        session = FileStore()
        session.update({"cart": [1]})
        session.set_expiry(1)
        session.save()
        path = os.path.join(
            settings.SESSION_FILE_PATH, "sessionid" + session.session_key
        )
        an_hour_ago = time.time() - 3600
        os.utime(path, (an_hour_ago, an_hour_ago))
        call_command("clearsessions")
        assert os.path.exists(path)
        assert FileStore(session.session_key).load() == {
            "cart": [1],
            "_session_expiry": 1,
        }
