"""
The session engines a visitor may pick, by their short names.

Five ship with Django. The sixth, `user_db`, is the course's own: Django's db
engine on a model with a user column (sessions_demo/user_sessions/, taught on
/beyond/custom-engine/). A SESSION_ENGINE is a dotted module path; the lab
allow-lists these six and never imports a name from the browser.
"""

from django.contrib.sessions.backends.base import SessionBase

BACKENDS_PACKAGE = "django.contrib.sessions.backends."
DJANGO_ENGINES = ("db", "cache", "cached_db", "file", "signed_cookies")
# The course's own engines, short name → module.
CUSTOM_ENGINES = {"user_db": "sessions_demo.user_sessions.db"}
ENGINES = DJANGO_ENGINES + tuple(CUSTOM_ENGINES)
PATHS = {name: BACKENDS_PACKAGE + name for name in DJANGO_ENGINES} | CUSTOM_ENGINES
NAMES = {path: name for name, path in PATHS.items()}


def engine_path(name: str) -> str:
    """Return the SESSION_ENGINE value of an engine's short name."""
    return PATHS[name]


def short_name(path: str) -> str:
    """Return the short name of a SESSION_ENGINE value: db, user_db..."""
    return NAMES.get(path, path.rsplit(".", 1)[-1])


def engine_name(session: SessionBase) -> str:
    """Return the short name of the engine behind a session store: db, file..."""
    for klass in type(session).__mro__:
        if klass.__module__ in NAMES:
            return NAMES[klass.__module__]
    return type(session).__module__


# Where set_expiry() keeps its argument, in every engine's session data.
EXPIRY_KEY = "_session_expiry"
