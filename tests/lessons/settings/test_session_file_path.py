"""
/settings/session-file-path/: the folder of the file engine.
"""

import os

import pytest
from django.contrib.sessions.backends.file import SessionStore as FileStore
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from tests.helpers import save_session, setting_page, text

pytestmark = pytest.mark.django_db


class TestFilePath:
    def test_file_lands_in_the_folder(self, client, settings):
        """The file engine writes <cookie name><key> into SESSION_FILE_PATH."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.file"
        key = save_session(client, "SESSION_FILE_PATH").cookies["sessionid"].value
        assert os.listdir(settings.SESSION_FILE_PATH) == [f"sessionid{key}"]

    def test_page_shows_own_file_and_counts_others(self, client, settings):
        """The page names the visitor's own file and only counts the others."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.file"
        other = save_session(Client(), "SESSION_FILE_PATH").cookies["sessionid"].value
        key = save_session(client, "SESSION_FILE_PATH").cookies["sessionid"].value
        shown = setting_page(client, "SESSION_FILE_PATH")
        assert text(shown.select_one(".folder")) == str(settings.SESSION_FILE_PATH)
        assert f"sessionid{key}" in text(shown.select_one(".your-file"))
        assert "Other session files in the folder: 1." in text(
            shown.select_one(".other-files")
        )
        assert other not in shown.select_one(".effect").get_text()

    def test_missing_folder_is_an_error(self, settings, tmp_path):
        """Django does not create the folder: a missing one is ImproperlyConfigured."""
        settings.SESSION_FILE_PATH = str(tmp_path / "django_sessions")
        with pytest.raises(ImproperlyConfigured, match="doesn't exist"):
            FileStore()

    def test_other_engines_write_no_file(self, client, settings):
        """With the db engine nothing is written to the folder."""
        save_session(client, "SESSION_FILE_PATH")
        assert os.listdir(settings.SESSION_FILE_PATH) == []
        assert "writes no files" in text(
            setting_page(client, "SESSION_FILE_PATH").select_one(".not-file")
        )
