"""
Settings for the Django Sessions course, read from the environment.

Development needs nothing set: `make run` turns DEBUG on, and DEBUG brings a
development-only secret key made for this checkout under var/. Production
(DEBUG off, `make serve`) refuses to start without DJANGO_SECRET_KEY, so a
forgotten secret never signs real cookies. DATABASE_URL and REDIS_URL switch
from the embedded SQLite and local-memory caches to real servers.
"""

import contextlib
import os
import secrets
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
# Runtime state (SQLite database, session files) lives here, git-ignored.
VAR_DIR = BASE_DIR / "var"


def env_flag(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_flag("DJANGO_DEBUG")
# pytest sets PYTEST_VERSION; the tests run without the debug toolbar.
TESTING = "PYTEST_VERSION" in os.environ
# Served for real (`make serve`): DEBUG off, outside the tests. Static files
# then come from WhiteNoise, collected and hashed under var/static.
DEPLOYED = not (DEBUG or TESTING)
# DJANGO_HTTPS=1: a TLS-terminating proxy is in front (it answers HTTPS,
# redirects plain HTTP to it and says so in X-Forwarded-Proto). Cookies become
# Secure and browsers are told to come back over HTTPS only (HSTS).
HTTPS = env_flag("DJANGO_HTTPS")


def development_secret(path: Path) -> str:
    """Return this checkout's development secret key, made on first use."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written whole under another name (mkstemp makes it 0600), then linked
        # into place: link() fails if the file exists, so two processes
        # starting at once (test workers, gunicorn) end up sharing one secret.
        fd, draft = tempfile.mkstemp(dir=path.parent, prefix=".secret-")
        with os.fdopen(fd, "w") as file:
            file.write(secrets.token_urlsafe(50))
        with contextlib.suppress(FileExistsError):
            os.link(draft, path)
        os.unlink(draft)
    secret = path.read_text().strip()
    if not secret:
        raise ImproperlyConfigured(f"{path} is empty: delete it to get a new one.")
    return secret


# A real secret comes from the environment. Development and tests get one made
# for this checkout (never committed, so no two checkouts share it); anything
# else, `make serve` included, refuses to start without DJANGO_SECRET_KEY, so
# a forgotten secret never signs real cookies.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set: set it to a long random string, "
            "or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = development_secret(VAR_DIR / "development-secret-key")

ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if host.strip()
]

INSTALLED_APPS = [
    # Logging in and out (/beyond/login/): the User model, login(), logout().
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.messages",
    "django.contrib.sessions",
    # Static files come from WhiteNoise under runserver too: Django's own dev
    # handler answers a path like /static/../x with a bare 500, WhiteNoise a 404.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "sessions_demo",
    # The course's own session engine, a model with a user column
    # (/beyond/custom-engine/): an app of its own, for its table.
    "sessions_demo.user_sessions",
]

MIDDLEWARE = [
    # First, so it sees the response's cookies as they leave (panel/exchange.py),
    # the 503 page of a failed store included.
    "sessions_demo.panel.exchange.ExchangeMiddleware",
    # Next, so a failed session store gets its explanatory 503 page.
    "sessions_demo.pages.store_errors.StoreErrorMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Outside the session middleware, so the panel is rendered after the save.
    "sessions_demo.panel.late.LatePanelMiddleware",
    # Django's SessionMiddleware, run with each visitor's lab profile (see lab/).
    "sessions_demo.lab.middleware.LabSessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # After the session middleware: request.user is read from request.session.
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# Right after SecurityMiddleware, as WhiteNoise asks: a static file is answered
# before sessions, CSRF or the exchange record ever see it.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)

ENABLE_DEBUG_TOOLBAR = DEBUG and not TESTING
if ENABLE_DEBUG_TOOLBAR:
    INSTALLED_APPS.append("debug_toolbar")
    MIDDLEWARE.insert(0, "debug_toolbar.middleware.DebugToolbarMiddleware")
    INTERNAL_IPS = ["127.0.0.1"]
    DEBUG_TOOLBAR_CONFIG = {
        # Collapsed, so the toolbar never hides the lesson's own session panel.
        "SHOW_COLLAPSED": True,
        # Each visitor sees only their own requests (sessions_demo/panel/
        # toolbar_visitors.py): the last 10, of the 20 latest visitors.
        "SHOW_TOOLBAR_CALLBACK": "sessions_demo.panel.toolbar_visitors.show_toolbar",
        "TOOLBAR_STORE_CLASS": "sessions_demo.panel.toolbar_visitors.VisitorStore",
        "RESULTS_CACHE_SIZE": 10,
    }
    # The toolbar's default panels, plus the course's Session panel after Request.
    DEBUG_TOOLBAR_PANELS = [
        "debug_toolbar.panels.history.HistoryPanel",
        "debug_toolbar.panels.versions.VersionsPanel",
        "debug_toolbar.panels.timer.TimerPanel",
        "debug_toolbar.panels.settings.SettingsPanel",
        "debug_toolbar.panels.headers.HeadersPanel",
        # RequestPanel, drawing a session nested however deep.
        "sessions_demo.panel.toolbar_request.OwnRequestPanel",
        "sessions_demo.panel.toolbar.SessionToolbarPanel",
        "debug_toolbar.panels.sql.SQLPanel",
        "debug_toolbar.panels.staticfiles.StaticFilesPanel",
        # TemplatesPanel, keeping to its own request's templates.
        "sessions_demo.panel.toolbar_templates.OwnTemplatesPanel",
        "debug_toolbar.panels.alerts.AlertsPanel",
        "debug_toolbar.panels.cache.CachePanel",
        "debug_toolbar.panels.signals.SignalsPanel",
        "debug_toolbar.panels.tasks.TasksPanel",
        "debug_toolbar.panels.community.CommunityPanel",
        "debug_toolbar.panels.redirects.RedirectsPanel",
        "debug_toolbar.panels.profiling.ProfilingPanel",
    ]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.messages.context_processors.messages",
                "sessions_demo.pages.context_processors.outline",
            ],
            # Each room of the app keeps its own template tags.
            "libraries": {
                "lab": "sessions_demo.lab.tags",
                "pages": "sessions_demo.pages.tags",
                "panel": "sessions_demo.panel.tags",
            },
        },
    },
]

# --- Database and caches: embedded by default, real servers from the environment

# SQLite needs nothing installed. WAL lets readers go on while one process
# writes, IMMEDIATE takes the write lock at BEGIN (a deferred transaction that
# later wants to write fails at once with "database is locked" instead of
# waiting), and the timeout is how long a writer waits for the lock: together
# they let several gunicorn workers share the file. One process never notices.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
# DATABASE_URL, e.g. postgresql://user:password@127.0.0.1:5432/sessions_course.
# Connections are kept for a minute and checked before reuse, so a worker does
# not reconnect on every request nor trip over a server restart.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=60, conn_health_checks=True
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            "OPTIONS": SQLITE_OPTIONS,
        }
    }


def redis_location(url: str, offset: int) -> str:
    """Return the Redis URL for the database `offset` places after url's own."""
    parts = urlsplit(url)
    first = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{first + offset}"))


# Three caches: sessions may go to "default" (Django's default alias) or to
# "sessions", so SESSION_CACHE_ALIAS has a real choice to make; "exchange"
# holds the HTTP exchange record (sessions_demo/panel/exchange.py) on its own, so no
# lesson's traffic can push a session out of a full cache.
CACHE_ALIASES = ("default", "sessions", "exchange")
# REDIS_URL, e.g. redis://127.0.0.1:6379/0: every alias is Redis, one Redis
# database each (the URL's, and the next two: 0, 1, 2 above), so clearing one
# alias (FLUSHDB) never empties another. Short socket timeouts: a Redis that
# stops answering gets the explanatory 503 page in two seconds, not a hung worker.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_location(REDIS_URL, offset),
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
        for offset, alias in enumerate(CACHE_ALIASES)
    }
else:
    # Local memory is per process: fine for `runserver`, wrong for several
    # workers (`make serve` runs one worker without REDIS_URL, see config/serve.py).
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": alias,
        }
        for alias in CACHE_ALIASES
    }
    # The two caches for sessions hold at most 5,000 each (of at most 4 KB,
    # lab/limits.py) and, when full, refuse a new one rather than evict a
    # visitor's (lab/caches.py); "exchange" keeps Django's 300 entries.
    for alias in ("default", "sessions"):
        CACHES[alias]["BACKEND"] = "sessions_demo.lab.caches.NoEvictionCache"
        CACHES[alias]["OPTIONS"] = {"MAX_ENTRIES": 5000}

# --- Sessions: all 13 settings, each at Django's default unless noted ---------

# Which cache holds sessions for the cache and cached_db engines.
SESSION_CACHE_ALIAS = "default"
# Lifetime of the session cookie, in seconds (two weeks).
SESSION_COOKIE_AGE = 60 * 60 * 24 * 7 * 2
# Domain of the cookie; None means "this host only".
SESSION_COOKIE_DOMAIN = None
# Hide the cookie from JavaScript's document.cookie.
SESSION_COOKIE_HTTPONLY = True
# Name of the cookie that carries the session key.
SESSION_COOKIE_NAME = "sessionid"
# URL path the browser sends the cookie for.
SESSION_COOKIE_PATH = "/"
# Cross-site sending: "Lax", "Strict", "None" or False (no attribute).
SESSION_COOKIE_SAMESITE = "Lax"
# Send the cookie over HTTPS only: False by default (the dev server speaks
# plain HTTP), True behind a TLS proxy (DJANGO_HTTPS=1).
SESSION_COOKIE_SECURE = HTTPS
# Where session data is stored.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# End the session when the browser closes instead of after SESSION_COOKIE_AGE.
SESSION_EXPIRE_AT_BROWSER_CLOSE = False
# Folder of the file engine. Django's default is None (the system temp folder);
# the course keeps the files under var/ so the file engine page can show them.
SESSION_FILE_PATH = VAR_DIR / "sessions"
# The folders a visitor may give the file engine in the lab, besides the one above.
LAB_SESSION_FILE_PATHS = [VAR_DIR / "sessions-lab"]
# New sessions (rows, files, cache entries) one address may start a minute, per
# server process (sessions_demo/lab/limits.py). A class behind one NAT shares
# an address: raise it there, say to 300.
LAB_NEW_SESSIONS_PER_MINUTE = int(os.environ.get("DJANGO_NEW_SESSIONS_PER_MINUTE", 30))
# Save (and refresh the expiry) on every request, not only on changes.
SESSION_SAVE_EVERY_REQUEST = False
# How session data is turned into a string. JSON is the only one Django ships.
SESSION_SERIALIZER = "django.contrib.sessions.serializers.JSONSerializer"

# The course shows a visitor's session as it is: its own messages (the results of
# "try it" actions) travel in a cookie of their own, never in the session.
# Django's CookieStorage, shortening messages to fit rather than fail.
MESSAGE_STORAGE = "sessions_demo.pages.message_cookie.FittingCookieStorage"

# The demo user of /beyond/login/ is learner / sessions (a data migration makes
# it). Tests log in often: a fast hash there, Django's slow, safe one elsewhere.
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Each learner may make a demo user of their own for what reaches every session
# of a user (sessions_demo/lessons/beyond/demo_users.py): this many per client
# address in a clock hour, each deleted a day later. One is all a learner needs;
# a class behind one NAT shares an address, so raise it there.
DEMO_USERS_PER_HOUR = int(os.environ.get("DJANGO_DEMO_USERS_PER_HOUR", 10))

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Where `make serve` collects static files for WhiteNoise.
STATIC_ROOT = VAR_DIR / "static"
# Without collectstatic (make run, the tests), WhiteNoise finds the files where
# they are, and sees edits at once.
WHITENOISE_USE_FINDERS = not DEPLOYED
WHITENOISE_AUTOREFRESH = not DEPLOYED
if DEPLOYED:
    # Hashed names (cached for good by browsers) plus gzip copies; the
    # unhashed names are served too, with a short cache life.
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {
            "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        },
    }

# --- Behind a TLS-terminating proxy (DJANGO_HTTPS=1) ---------------------------
# Without it the site speaks plain HTTP, and `manage.py check --deploy` rightly
# warns that cookies are not Secure and there is no HSTS: `make serve` shows
# those warnings and says why, rather than hiding them.
if HTTPS:
    # Trust the proxy's word that the browser used HTTPS. Only safe because
    # the proxy sets (overwrites) this header on every request it forwards.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_COOKIE_SECURE = True
    # A year, subdomains included: once a browser has seen the site over
    # HTTPS, it never tries plain HTTP on it again.
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SILENCED_SYSTEM_CHECKS = [
        # The proxy redirects HTTP to HTTPS before Django sees the request;
        # Django redirecting as well would only loop when the proxy's header
        # is missing, and would bounce the proxy's own plain health checks.
        "security.W008",
        # HSTS preloading is a promise to the browser makers that only the
        # owner of the whole domain can make; a class server does not make it.
        "security.W021",
    ]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
