"""
Shared fixtures. Every test starts with empty caches and an empty, private
folder for the file engine, so no session leaks from one test into another.
"""

import os

import pytest
from bs4 import BeautifulSoup
from django.contrib.sessions.backends.file import SessionStore as FileSessionStore
from django.core.cache import caches

from sessions_demo.lab.engines import ENGINES, engine_path


def pytest_configure(config: pytest.Config) -> None:
    # Settings are forced here so pytest-django's own set-up finds them
    # configured; no pytest.ini needed at the top level.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.conf import settings

    settings.INSTALLED_APPS  # noqa: B018 (loads the settings module)


@pytest.fixture(autouse=True)
def isolated_session_stores(settings, tmp_path):
    """Give each test empty caches and its own folder for the file engine."""
    settings.SESSION_FILE_PATH = str(tmp_path / "sessions")
    os.mkdir(settings.SESSION_FILE_PATH)
    _reset_stores()
    yield
    _reset_stores()


def _reset_stores() -> None:
    for cache in caches.all():
        cache.clear()
    # The file engine caches its folder on the class at first use.
    if "_storage_path" in vars(FileSessionStore):
        del FileSessionStore._storage_path


@pytest.fixture(params=ENGINES)
def engine(request, settings) -> str:
    """Run the test once per engine; its value is the engine's short name."""
    settings.SESSION_ENGINE = engine_path(request.param)
    return request.param


def parse(response) -> BeautifulSoup:
    """Parse an HTML response."""
    return BeautifulSoup(response.content, "html.parser")
