"""The five session engines Django ships, by their short names."""

from django.contrib.sessions.backends.base import SessionBase
from django.urls import Resolver404, resolve

BACKENDS_PACKAGE = "django.contrib.sessions.backends."
ENGINES = ("db", "cache", "cached_db", "file", "signed_cookies")
# The lab's switcher (DESIGN.md's URL contract): POST engine=<name>, next=<url>.
LAB_PATH = "/lab/"


def engine_path(name: str) -> str:
    """Return the SESSION_ENGINE value of an engine's short name."""
    return BACKENDS_PACKAGE + name


def engine_name(session: SessionBase) -> str:
    """Return the short name of the engine behind a session store: db, file..."""
    for klass in type(session).__mro__:
        if klass.__module__.startswith(BACKENDS_PACKAGE):
            return klass.__module__.removeprefix(BACKENDS_PACKAGE)
    return type(session).__module__


def lab_installed() -> bool:
    """Tell whether the lab's switcher answers at its contracted path."""
    try:
        resolve(LAB_PATH)
    except Resolver404:
        return False
    return True
