"""
Session stores bound to a profile.

Django's engines read their settings from `settings` whenever they need them:
the serializer in `SessionBase.__init__`, the cookie age, the browser-close
default, the cache alias, the file folder and the file prefix (the cookie
name). `store_class(profile)` returns a subclass of the profile's engine that
reads each of them from the profile instead, and changes nothing else, so the
engine stores exactly what it would store under those settings.
"""

import os
import tempfile
from functools import lru_cache
from importlib import import_module

from django.contrib.sessions.backends.base import SessionBase
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from .engines import EXPIRY_KEY
from .profile import Profile

# SessionBase.key_salt is built from the class's __qualname__: keeping Django's
# name keeps every signature, and so every stored value, identical. The module
# is the engine's too, so whatever names the class that ran (engine_name(), the
# pages that show a call) names Django's engine, whose methods these are.
STORE_NAME = "SessionStore"


@lru_cache(maxsize=256)
def store_class(profile: Profile) -> type[SessionBase]:
    """Return the SessionStore of the profile's engine, bound to the profile."""
    engine = import_module(profile.engine).SessionStore
    serializer = import_string(profile.serializer)
    attributes = {
        "__module__": profile.engine,
        "__qualname__": STORE_NAME,
        "profile": profile,
        "__init__": _init(engine, serializer, profile),
        "get_session_cookie_age": lambda self: profile.cookie_age,
        "get_expire_at_browser_close": _get_expire_at_browser_close,
        "aget_expire_at_browser_close": _aget_expire_at_browser_close,
    }
    if hasattr(engine, "_get_storage_path"):
        attributes["_get_storage_path"] = classmethod(lambda cls: _folder(profile))
        attributes["clear_expired"] = classmethod(_clear_expired_files)
    return type(STORE_NAME, (engine,), attributes)


def _init(engine: type[SessionBase], serializer: type, profile: Profile):
    def __init__(self, session_key: str | None = None) -> None:
        engine.__init__(self, session_key)
        self.serializer = serializer
        if hasattr(self, "_cache"):
            self._cache = caches[profile.cache_alias]
        if hasattr(self, "file_prefix"):
            self.file_prefix = profile.cookie_name

    return __init__


def _get_expire_at_browser_close(self) -> bool:
    """Return SessionBase's answer, with the profile's default."""
    if (expiry := self.get(EXPIRY_KEY)) is None:
        return self.profile.expire_at_browser_close
    return expiry == 0


async def _aget_expire_at_browser_close(self) -> bool:
    if (expiry := await self.aget(EXPIRY_KEY)) is None:
        return self.profile.expire_at_browser_close
    return expiry == 0


def _folder(profile: Profile) -> str:
    # The same fallback and check as the file engine's _get_storage_path().
    folder = str(profile.file_path or tempfile.gettempdir())
    if not os.path.isdir(folder):
        raise ImproperlyConfigured(
            f"The session storage path {folder!r} doesn't exist. Please set your"
            " SESSION_FILE_PATH setting to an existing directory in which"
            " Django can store session data."
        )
    return folder


def _clear_expired_files(cls) -> None:
    """Do what the file engine's clear_expired() does, with the profile's prefix."""
    prefix = cls.profile.cookie_name
    for session_file in os.listdir(cls._get_storage_path()):
        if not session_file.startswith(prefix):
            continue
        session = cls(session_file.removeprefix(prefix))
        # Loading an expired session removes its file and would create a new
        # one; Django disables create() here for the same reason.
        session.create = lambda: None
        session.load()
