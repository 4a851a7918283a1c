"""config/settings.py: read from the environment, loud when a secret is missing."""

import ast
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
GUIDE_SESSION_SETTINGS = {
    "SESSION_CACHE_ALIAS",
    "SESSION_COOKIE_AGE",
    "SESSION_COOKIE_DOMAIN",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_NAME",
    "SESSION_COOKIE_PATH",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_SECURE",
    "SESSION_ENGINE",
    "SESSION_EXPIRE_AT_BROWSER_CLOSE",
    "SESSION_FILE_PATH",
    "SESSION_SAVE_EVERY_REQUEST",
    "SESSION_SERIALIZER",
}


def load_settings(**env: str) -> subprocess.CompletedProcess:
    """Import the settings in a fresh interpreter with only these variables."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.pop("PYTEST_VERSION", None)
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DEBUG, 'debug_toolbar' in settings.INSTALLED_APPS)"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
    )


def test_production_without_secret_fails_loudly():
    """DEBUG off and no DJANGO_SECRET_KEY: the settings refuse to load."""
    result = load_settings()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_with_secret_runs_without_toolbar():
    """DEBUG off with a secret: settings load, and the toolbar is off."""
    result = load_settings(DJANGO_SECRET_KEY="x" * 50)
    assert result.stdout.split() == ["False", "False"]


def test_development_has_debug_and_toolbar():
    """DJANGO_DEBUG=1 (as `make run` sets it): a dev secret and the toolbar."""
    result = load_settings(DJANGO_DEBUG="1")
    assert result.stdout.split() == ["True", "True"]


def test_toolbar_off_in_tests():
    """The test run has no debug toolbar."""
    assert "debug_toolbar" not in settings.INSTALLED_APPS


def test_every_session_setting_is_written_out():
    """All 13 SESSION_* settings of the guide are assigned in settings.py."""
    tree = ast.parse((ROOT / "config" / "settings.py").read_text())
    assigned = {
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    assert assigned >= GUIDE_SESSION_SETTINGS


def test_session_files_live_under_var():
    """The file engine's folder is under var/, which git ignores."""
    from config import settings as project_settings

    assert project_settings.SESSION_FILE_PATH == ROOT / "var" / "sessions"
    assert "/var/" in (ROOT / ".gitignore").read_text()
