"""config/settings.py: read from the environment, loud when a secret is missing."""

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from config.settings import development_secret, redis_location
from sessions_demo.panel import exchange

ROOT = Path(__file__).resolve().parent.parent
REDIS = "django.core.cache.backends.redis.RedisCache"
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


# What the project reads from the environment; a test sets only what it names.
PROJECT_VARIABLES = ("PYTEST_VERSION", "DATABASE_URL", "REDIS_URL")


def load_settings(
    code: str = "print(settings.DEBUG, 'debug_toolbar' in settings.INSTALLED_APPS)",
    **env: str,
) -> subprocess.CompletedProcess:
    """Run code after loading the settings in a fresh interpreter with only env."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DJANGO_") and k not in PROJECT_VARIABLES
    }
    code = "import django; django.setup(); from django.conf import settings; " + code
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


def test_development_secret_is_made_once_per_checkout():
    """Without DJANGO_SECRET_KEY, DEBUG reads the checkout's own secret in var/."""
    code = "print(settings.SECRET_KEY)"
    first = load_settings(code, DJANGO_DEBUG="1").stdout.strip()
    again = load_settings(code, DJANGO_DEBUG="1").stdout.strip()
    secret_file = ROOT / "var" / "development-secret-key"
    assert first == again == secret_file.read_text().strip()
    assert len(first) >= 50
    assert secret_file.stat().st_mode & 0o777 == 0o600
    assert first == settings.SECRET_KEY


def test_development_secret_is_private_and_kept(tmp_path):
    """The secret file is created readable by its owner only, then reused."""
    path = tmp_path / "var" / "secret"
    secret = development_secret(path)
    assert path.stat().st_mode & 0o777 == 0o600
    assert development_secret(path) == secret
    assert list(path.parent.iterdir()) == [path]


def test_no_secret_is_in_the_repository():
    """No constant development key is committed: settings.py holds no literal."""
    source = (ROOT / "config" / "settings.py").read_text()
    assert "django-insecure" not in source


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


def backends(**env: str) -> dict:
    """Return the database and cache settings loaded with env, as JSON data."""
    code = (
        "import json; print(json.dumps({'db': settings.DATABASES['default'],"
        " 'caches': settings.CACHES}, default=str))"
    )
    result = load_settings(code, DJANGO_DEBUG="1", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_embedded_defaults_need_no_server():
    """Nothing set: SQLite under var/ and one local-memory cache per alias."""
    loaded = backends()
    assert loaded["db"]["ENGINE"] == "django.db.backends.sqlite3"
    assert loaded["db"]["NAME"] == str(ROOT / "var" / "db.sqlite3")
    # The two for sessions never evict one to make room (lab/caches.py).
    assert {
        alias: (c["BACKEND"].rsplit(".", 1)[1], c.get("OPTIONS"))
        for alias, c in loaded["caches"].items()
    } == {
        "default": ("NoEvictionCache", {"MAX_ENTRIES": 5000}),
        "sessions": ("NoEvictionCache", {"MAX_ENTRIES": 5000}),
        "exchange": ("LocMemCache", None),
    }


def test_sqlite_is_ready_for_several_workers():
    """SQLite waits for the write lock (WAL, BEGIN IMMEDIATE, a timeout)."""
    options = backends()["db"]["OPTIONS"]
    assert "journal_mode=WAL" in options["init_command"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5


def test_database_url_selects_postgresql():
    """DATABASE_URL (PostgreSQL) replaces SQLite; connections persist, checked."""
    db = backends(DATABASE_URL="postgresql://course:pw@127.0.0.1:5433/course")["db"]
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["HOST"], db["PORT"]) == (
        "course",
        "course",
        "127.0.0.1",
        5433,
    )
    assert (db["CONN_MAX_AGE"], db["CONN_HEALTH_CHECKS"]) == (60, True)


def test_redis_url_gives_each_cache_its_own_database():
    """REDIS_URL: every alias is Redis, in the URL's database and the next two."""
    caches = backends(REDIS_URL="redis://127.0.0.1:6390/4")["caches"]
    assert {alias: (c["BACKEND"], c["LOCATION"]) for alias, c in caches.items()} == {
        "default": (REDIS, "redis://127.0.0.1:6390/4"),
        "sessions": (REDIS, "redis://127.0.0.1:6390/5"),
        "exchange": (REDIS, "redis://127.0.0.1:6390/6"),
    }


def test_redis_database_defaults_to_zero():
    """A REDIS_URL without a database number starts at database 0."""
    assert redis_location("redis://localhost:6379", 2) == "redis://localhost:6379/2"
    assert redis_location("redis://:pw@h:1/", 1) == "redis://:pw@h:1/1"


@pytest.mark.django_db
def test_exchange_record_has_its_own_cache():
    """The HTTP exchange record is written to the "exchange" cache only."""
    from django.core.cache import caches
    from django.test import Client

    client = Client()
    client.get("/")
    assert caches["exchange"].get(
        exchange.CACHE_KEY_PREFIX + client.cookies[exchange.VISITOR_COOKIE].value
    )
