"""
/engines/file/: one file per session; its expiry counts from the file's
modification time.
"""

import os
import tempfile
import time
from datetime import timedelta
from importlib import import_module
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.sessions.backends.file import SessionStore as FileStore
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.helpers import (
    new_session,
    parse,
    reopen,
    store_on_engine_page,
    travel,
    use_engine,
)

pytestmark = pytest.mark.django_db


def age_file(session, seconds):
    """Move a session file's modification time into the past."""
    name = os.path.join(settings.SESSION_FILE_PATH, "sessionid" + session.session_key)
    moment = time.time() - seconds
    os.utime(name, (moment, moment))
    return name


class TestFileEngine:
    def test_one_file_per_session(self, client, settings):
        """file: each session is a file named cookie name + key, in the folder."""
        use_engine(settings, "file")
        store_on_engine_page(client, "file")
        first = client.cookies["sessionid"].value
        client.cookies.clear()
        store_on_engine_page(client, "file")
        second = client.cookies["sessionid"].value
        assert sorted(os.listdir(settings.SESSION_FILE_PATH)) == sorted(
            ["sessionid" + first, "sessionid" + second]
        )
        session = import_module(settings.SESSION_ENGINE).SessionStore(first)
        with open(os.path.join(settings.SESSION_FILE_PATH, "sessionid" + first)) as f:
            assert session.decode(f.read()) == {"username": "JohnDoe"}

    def test_django_default_folder_is_the_temp_folder(self, settings):
        """file: without SESSION_FILE_PATH, Django uses the system's temp folder."""
        settings.SESSION_FILE_PATH = None
        assert FileStore._get_storage_path() == tempfile.gettempdir()

    def test_missing_folder_gets_an_explanatory_503(self, settings, tmp_path):
        """file: a missing folder answers 503 with the folder named, never a 500."""
        use_engine(settings, "file")
        settings.SESSION_FILE_PATH = str(tmp_path / "removed")
        response = Client(raise_request_exception=False).get(reverse("engine_file"))
        assert response.status_code == 503
        assert (
            settings.SESSION_FILE_PATH
            in parse(response).select_one(".what-failed").get_text()
        )

    def test_expiry_counts_from_the_modification_time(self, settings):
        """file: a file older than SESSION_COOKIE_AGE is expired, a younger one not."""
        use_engine(settings, "file")
        session = new_session()
        age_file(session, settings.SESSION_COOKIE_AGE - 60)
        assert reopen(session).load() == {"username": "JohnDoe"}
        age_file(session, settings.SESSION_COOKIE_AGE + 60)
        assert reopen(session).load() == {}

    def test_integer_expiry_never_expires_the_file(self, settings):
        """file: with set_expiry(60), a file an hour old still loads on the server."""
        use_engine(settings, "file")
        session = new_session(expiry=60)
        age_file(session, 3600)
        assert reopen(session).load() == {"username": "JohnDoe", "_session_expiry": 60}

    def test_loading_an_expired_file_deletes_it(self, settings):
        """file: loading an expired session deletes its file and starts a new one."""
        use_engine(settings, "file")
        session = new_session()
        name = age_file(session, settings.SESSION_COOKIE_AGE + 60)
        store = reopen(session)
        assert store.load() == {}
        assert not os.path.exists(name)
        assert store.session_key not in (None, session.session_key)
        assert os.listdir(settings.SESSION_FILE_PATH) == [
            "sessionid" + store.session_key
        ]
        assert store.modified is True  # so the response saves it, with a new cookie

    def test_expired_files_stay_until_clearsessions(self, settings):
        """file: an expired file nobody loads stays until clearsessions."""
        use_engine(settings, "file")
        session = new_session()
        name = age_file(session, settings.SESSION_COOKIE_AGE + 60)
        assert os.path.exists(name)
        call_command("clearsessions")
        assert not os.path.exists(name)


class TestWhenTheFolderFails:
    def test_a_save_of_an_existing_session_fails_silently(self, settings):
        """file: no temporary file can be made: save() returns, nothing changes."""
        use_engine(settings, "file")
        session = new_session({"cart": [1]})
        session["cart"] = [1, 2]
        with mock.patch("tempfile.mkstemp", side_effect=PermissionError):
            session.save()  # no exception reaches the caller
        assert reopen(session).load() == {"cart": [1]}


class TestAnExpiryOfItsOwn:
    def test_a_date_expiry_is_honoured(self, settings):
        """file: set_expiry() with a datetime ends the session at that moment."""
        use_engine(settings, "file")
        session = new_session({"cart": [1]}, expiry=timedelta(minutes=1))
        path = os.path.join(
            settings.SESSION_FILE_PATH, "sessionid" + session.session_key
        )
        a_year_ago = time.time() - 365 * 24 * 3600
        os.utime(path, (a_year_ago, a_year_ago))  # its age does not matter
        assert reopen(session).load()["cart"] == [1]
        with travel(120):
            assert reopen(session).load() == {}
