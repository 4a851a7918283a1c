"""
A failed session store gets an explanatory 503; the other engines keep working.
"""

import os
from importlib import import_module
from unittest.mock import patch

import pytest
from django.conf import settings
from django.contrib.sessions.backends.file import SessionStore as FileStore
from django.test import Client, override_settings
from django.urls import path, reverse

from sessions_demo.lab.engines import ENGINES, engine_path
from tests.helpers import parse, set_item

pytestmark = pytest.mark.django_db

BROKEN_CACHE = {"BACKEND": "tests.broken_cache.BrokenCache"}

OTHERS = [engine for engine in ENGINES if engine != "cache"]


@pytest.fixture
def visitor():
    """A browser: errors come back as responses, as a real one sees them."""
    return Client(raise_request_exception=False)


@pytest.fixture
def missing_folder(settings, tmp_path):
    settings.SESSION_ENGINE = engine_path("file")
    settings.SESSION_FILE_PATH = str(tmp_path / "removed")
    if "_storage_path" in vars(FileStore):
        del FileStore._storage_path


@pytest.fixture
def cache_down(settings):
    settings.CACHES = {**settings.CACHES, "broken": BROKEN_CACHE}
    settings.SESSION_CACHE_ALIAS = "broken"
    settings.SESSION_ENGINE = engine_path("cache")


class TestFileFolder:
    def test_missing_folder_gets_503_page(self, visitor, missing_folder, settings):
        """A missing file folder: a 503 naming the engine, folder and error."""
        response = visitor.get(reverse("setitem"))
        assert response.status_code == 503
        page = parse(response)
        assert "The file session store failed" in page.h1.get_text()
        assert settings.SESSION_FILE_PATH in page.select_one(".what-failed").get_text()
        assert "ImproperlyConfigured" in page.select_one(".error-message").get_text()
        assert "sessionid" not in response.cookies

    def test_unwritable_folder_gets_503_and_saves_nothing(self, visitor, settings):
        """A folder the server may not write to: a 503, no cookie, no file."""
        settings.SESSION_ENGINE = engine_path("file")
        denied = PermissionError(13, "Permission denied")
        with patch("django.contrib.sessions.backends.file.os.open", side_effect=denied):
            response = set_item(visitor)
        assert response.status_code == 503
        assert "PermissionError" in parse(response).select_one(".error-message").text
        assert "sessionid" not in response.cookies
        assert os.listdir(settings.SESSION_FILE_PATH) == []


class TestCacheDown:
    def test_save_failure_gets_503_page(self, visitor, cache_down):
        """A cache that raises on save: a 503 naming the cache alias and error."""
        response = set_item(visitor)
        assert response.status_code == 503
        page = parse(response)
        assert "broken" in page.select_one(".what-failed").get_text()
        assert "the cache server is down" in page.select_one(".error-message").text
        assert "sessionid" not in response.cookies

    def test_lab_buttons_switch_to_the_other_engines(self, visitor, cache_down):
        """One button per other engine posts engine and next to /lab/."""
        page = parse(set_item(visitor))
        forms = page.select("form.engine-switch")
        assert [f.select_one("[name=engine]")["value"] for f in forms] == OTHERS
        assert {f["action"] for f in forms} == {"/lab/"}
        assert {f.select_one("[name=next]")["value"] for f in forms} == {
            reverse("setitem")
        }


class TestOtherEnginesKeepWorking:
    def test_db_works_while_the_cache_is_down(self, visitor, cache_down, settings):
        """A visitor on db saves while one on the broken cache gets the 503."""
        assert set_item(visitor).status_code == 503
        settings.SESSION_ENGINE = engine_path("db")
        other = Client()  # the engine is picked when the middleware starts
        response = set_item(other)
        assert response.status_code == 302
        assert other.session["username"] == "JohnDoe"
        assert "sessionid" in response.cookies

    @pytest.mark.parametrize("engine", [e for e in ENGINES if e != "file"])
    def test_missing_file_folder_breaks_only_the_file_engine(
        self, visitor, missing_folder, settings, engine
    ):
        """With the file folder gone, every other engine still saves."""
        settings.SESSION_ENGINE = engine_path(engine)
        response = set_item(visitor)
        assert response.status_code == 302
        assert visitor.session["username"] == "JohnDoe"


def boom(request):
    raise RuntimeError("a bug in a view, not a store")


urlpatterns = [
    path("boom/", boom, name="boom"),
    *import_module(settings.ROOT_URLCONF).urlpatterns,
]


def test_other_errors_stay_500(visitor):
    """An error that no session store raised is still a plain 500."""
    with override_settings(ROOT_URLCONF=__name__):
        response = visitor.get(reverse("boom"))
    assert response.status_code == 500
