"""
Shared fixtures. Every test starts with empty caches, an empty, private folder
for the file engine and no sessions counted against its address, so no session
leaks from one test into another.

The suite runs on the embedded stores (SQLite, local memory) by default, and
on PostgreSQL and Redis with `pytest --real-servers` (`make test` does both):
the servers are started from the system's binaries for the run (tests/servers.py)
and reach Django the way a deployment's do, as DATABASE_URL and REDIS_URL.
"""

import os

import pytest
from django.contrib.sessions.backends.file import SessionStore as FileSessionStore
from django.core.cache import caches

from sessions_demo.lab import limits
from sessions_demo.lab.engines import ENGINES, engine_path

from . import servers

SERVER_VARIABLES = ("DATABASE_URL", "REDIS_URL")
# The fixtures that open Chromium (tests/browser/ and a few settings tests).
BROWSER_FIXTURES = {"browser", "chromium"}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--real-servers",
        action="store_true",
        help="run on PostgreSQL and Redis started from the system's binaries "
        "(skipped, saying why, when they are not installed)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "local_memory: states how Django's local-memory cache behaves; skipped "
        "when the project's caches are Redis",
    )
    config.addinivalue_line(
        "markers", "redis: states how Redis behaves; runs with --real-servers only"
    )
    config.addinivalue_line(
        "markers",
        "real_servers: serves the site on PostgreSQL and Redis; runs with "
        "--real-servers only",
    )
    # Never the caller's servers: the tests empty every cache they use.
    for name in SERVER_VARIABLES:
        os.environ.pop(name, None)
    if config.getoption("real_servers"):
        start_real_servers(config)
    # Settings are forced here so pytest-django's own set-up finds them
    # configured (and the real servers, when asked for, are up first).
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.conf import settings

    settings.INSTALLED_APPS  # noqa: B018 (loads the settings module)


def start_real_servers(config: pytest.Config) -> None:
    """Start PostgreSQL and Redis for this run and point the settings at them."""
    problems = servers.missing()
    if problems:
        # On CI, .ci/run has installed them: missing there is a failure.
        on_ci = bool(os.environ.get("CI"))
        pytest.exit(
            f"Real-server run {'failed' if on_ci else 'skipped'}: "
            + "; ".join(problems)
            + f". Install them: {servers.INSTALL_HINT}.",
            returncode=1 if on_ci else 0,
        )
    started = servers.start()
    config.add_cleanup(started.stop)
    os.environ["DATABASE_URL"] = started.database_url
    os.environ["REDIS_URL"] = started.redis_url


def real_servers() -> bool:
    """Say whether this run's settings use PostgreSQL and Redis."""
    return bool(settings_module().REDIS_URL)


def settings_module():
    from django.conf import settings

    return settings


def pytest_report_header(config: pytest.Config) -> str:
    if real_servers():
        return (
            f"stores: PostgreSQL {os.environ['DATABASE_URL']}, "
            f"Redis {os.environ['REDIS_URL']}"
        )
    return "stores: SQLite and local memory (embedded)"


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    on_redis = real_servers()
    skips = {
        "browser": on_redis
        and pytest.mark.skip(
            reason="browser tests check pages and scripts, not the stores: they "
            "run in the embedded run (plain `pytest`)"
        ),
        "local_memory": on_redis
        and pytest.mark.skip(
            reason="states how the local-memory cache behaves; this run's caches "
            "are Redis"
        ),
        "redis": not on_redis
        and pytest.mark.skip(
            reason="states how Redis behaves: runs with --real-servers"
        ),
        "real_servers": not on_redis
        and pytest.mark.skip(
            reason="serves the site on PostgreSQL and Redis: runs with "
            "--real-servers (make test-servers)"
        ),
    }
    for item in items:
        in_browser = item.path.parent.name == "browser" or BROWSER_FIXTURES & set(
            getattr(item, "fixturenames", ())
        )
        if skips["browser"] and in_browser:
            item.add_marker(skips["browser"])
        for marker in ("local_memory", "redis", "real_servers"):
            if skips[marker] and item.get_closest_marker(marker):
                item.add_marker(skips[marker])


@pytest.fixture(scope="session", autouse=True)
def no_stray_connections_at_the_end(django_db_setup, django_db_blocker):
    """On PostgreSQL, end connections other threads left open, before the drop."""
    yield
    # A test that runs async code with asyncio.run() reaches the database from
    # asgiref's executor thread; that thread's connection is out of the main
    # thread's reach, and PostgreSQL refuses to drop a database still in use.
    from django.db import connection

    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


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
    # Every test client comes from 127.0.0.1: each test starts a fresh minute.
    limits.forget_clients()


@pytest.fixture(params=ENGINES)
def engine(request, settings) -> str:
    """Run the test once per engine (Django's five and user_db); its short name."""
    settings.SESSION_ENGINE = engine_path(request.param)
    return request.param


@pytest.fixture
def full_default_cache(settings):
    """Make the default cache hold one entry, somebody's session, and no more."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "sessions_demo.lab.caches.NoEvictionCache",
            "LOCATION": "full",
            "OPTIONS": {"MAX_ENTRIES": 1},
        },
    }
    caches["default"].set("someone-elses-session", "kept")
    return caches["default"]
