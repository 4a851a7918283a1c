"""The five session engines Django ships, by their short names."""

from django.contrib.sessions.backends.base import SessionBase

BACKENDS_PACKAGE = "django.contrib.sessions.backends."
ENGINES = ("db", "cache", "cached_db", "file", "signed_cookies")


def engine_path(name: str) -> str:
    """Return the SESSION_ENGINE value of an engine's short name."""
    return BACKENDS_PACKAGE + name


def engine_name(session: SessionBase) -> str:
    """Return the short name of the engine behind a session store: db, file..."""
    for klass in type(session).__mro__:
        if klass.__module__.startswith(BACKENDS_PACKAGE):
            return klass.__module__.removeprefix(BACKENDS_PACKAGE)
    return type(session).__module__


# Where set_expiry() keeps its argument, in every engine's session data.
EXPIRY_KEY = "_session_expiry"
