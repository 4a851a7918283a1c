"""
Session stores bound to a profile.

Django's engines read their settings from `settings` whenever they need them:
the serializer in `SessionBase.__init__`, the cookie age, the browser-close
default, the cache alias, the file folder and the file prefix (the cookie
name). `store_class(profile)` returns a subclass of the profile's engine that
reads each of them from the profile instead, and changes nothing else, so the
engine stores exactly what it would store under those settings.

Three things a shared course adds. Every new session an engine stores on the
server is counted against the visitor's address (limits.py), and a session
cache with no room left (caches.py) refuses it the same way. The file engine's
clear_expired() judges only what is expired for every visitor: each has a
cookie age of their own, and a file does not say whose it is.

And each store notes which of its methods a request called (load, save,
delete...), outermost calls only, in `store_calls`: the HTTP exchange record
says from it whether the request read or wrote the store.
"""

import functools
import inspect
import os
import tempfile
from dataclasses import replace
from functools import lru_cache
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.backends.db import SessionStore as DatabaseStore
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from . import limits
from .caches import CacheFull
from .engines import EXPIRY_KEY, engine_path
from .profile import COOKIE_AGE_MAX, Profile

# The one engine that keeps nothing on the server.
COOKIE_ENGINE = engine_path("signed_cookies")
CACHED_DB_ENGINE = engine_path("cached_db")

# SessionBase.key_salt is built from the class's __qualname__: keeping Django's
# name keeps every signature, and so every stored value, identical. The module
# is the engine's too, so whatever names the class that ran (engine_name(), the
# pages that show a call) names Django's engine, whose methods these are.
STORE_NAME = "SessionStore"
# What a store does; the rest of SessionBase is built on these. An async twin
# is noted under its sync name: both read or write the same store.
STORE_METHODS = ("load", "exists", "create", "save", "delete")
ASYNC_PREFIX = "a"


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
    if profile.engine != COOKIE_ENGINE:
        attributes["save"] = _counted_save(engine)
        attributes["asave"] = _counted_asave(engine)
    if profile.engine == CACHED_DB_ENGINE:
        attributes["load"] = _load_without_caching(engine)
    if hasattr(engine, "_get_storage_path"):
        attributes["_get_storage_path"] = classmethod(lambda cls: _folder(profile))
        attributes["clear_expired"] = classmethod(_clear_expired_files)
        # The file engine's asave() calls save(), which counts already.
        del attributes["asave"]
    bound = type(STORE_NAME, (engine,), attributes)
    # One layer more notes what a request asks of the store, around all of it.
    noting = {"__module__": profile.engine, "__qualname__": STORE_NAME}
    for name in STORE_METHODS:
        for method in (name, ASYNC_PREFIX + name):
            if hasattr(bound, method):
                noting[method] = _noted(bound, method, name)
    return type(STORE_NAME, (bound,), noting)


def _init(engine: type[SessionBase], serializer: type, profile: Profile):
    def __init__(self, session_key: str | None = None) -> None:
        engine.__init__(self, session_key)
        self.store_calls: list[str] = []
        self._store_depth = 0
        self.serializer = serializer
        if hasattr(self, "_cache"):
            self._cache = caches[profile.cache_alias]
        if hasattr(self, "file_prefix"):
            self.file_prefix = profile.cookie_name

    return __init__


def _counted_save(engine: type[SessionBase]):
    def save(self, *args, **kwargs) -> None:
        # create() picks a key, then saves with must_create: a new session.
        if self.session_key is not None and _must_create(*args, **kwargs):
            limits.count_new_session()
        try:
            return engine.save(self, *args, **kwargs)  # as called, for the toolbar
        except CacheFull as full:
            raise _no_room(self, full) from None

    return save


def _counted_asave(engine: type[SessionBase]):
    async def asave(self, *args, **kwargs) -> None:
        if self.session_key is not None and _must_create(*args, **kwargs):
            limits.count_new_session()
        try:
            return await engine.asave(self, *args, **kwargs)
        except CacheFull as full:
            raise _no_room(self, full) from None

    return asave


def _no_room(session: SessionBase, full: CacheFull) -> limits.SessionRefused:
    """Say that the session's cache is full, as a refusal the visitor can read."""
    return limits.SessionRefused(
        f"The cache {session.profile.cache_alias!r} that holds sessions holds its "
        f"maximum of {full.max_entries} sessions: this course refuses a new one "
        "rather than evict another visitor's. Try again later, or choose another "
        "engine in the lab.",
        retry_after=limits.WINDOW_SECONDS,
    )


def _load_without_caching(engine: type[SessionBase]):
    def load(self) -> dict:
        try:
            return engine.load(self)
        except CacheFull:
            # cached_db read the row, and found no room for its copy in the
            # cache: the row is the record, so answer from it, uncached.
            return DatabaseStore.load(self)

    return load


def _must_create(must_create: bool = False) -> bool:
    """Return save()'s must_create argument, however it was passed."""
    return must_create


def _noted(engine: type[SessionBase], method: str, name: str):
    """Return a method that calls engine's, noting outermost calls in store_calls."""
    # Store methods call each other (save() may call create(), which calls
    # exists()); the outermost call is the one the request asked for. The
    # engine's method is looked up on each call: the debug toolbar wraps it
    # in place, possibly after this class was made.
    if inspect.iscoroutinefunction(getattr(engine, method)):

        async def noted_async(self, *args, **kwargs):
            if self._store_depth == 0:
                self.store_calls.append(name)
            self._store_depth += 1
            try:
                return await getattr(engine, method)(self, *args, **kwargs)
            finally:
                self._store_depth -= 1

        return functools.wraps(getattr(engine, method))(noted_async)

    def noted(self, *args, **kwargs):
        if self._store_depth == 0:
            self.store_calls.append(name)
        self._store_depth += 1
        try:
            return getattr(engine, method)(self, *args, **kwargs)
        finally:
            self._store_depth -= 1

    return functools.wraps(getattr(engine, method))(noted)


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
    """Do what the file engine's clear_expired() does, for files expired for all."""
    # Django judges a file without a stored expiry by SESSION_COOKIE_AGE: one
    # age for the whole site. Here each visitor has their own, and a file does
    # not say whose it is; judged by this visitor's age (or matched by a short
    # prefix such as "s"), another visitor's live session would go. So a file
    # is judged by the longest age any visitor may choose: it goes only when
    # it has expired for whoever owns it. A stored expiry is judged as is.
    prefix = cls.profile.cookie_name
    longest = max(COOKIE_AGE_MAX, settings.SESSION_COOKIE_AGE)
    judge = store_class(replace(cls.profile, cookie_age=longest))
    for session_file in os.listdir(cls._get_storage_path()):
        if not session_file.startswith(prefix):
            continue
        session = judge(session_file.removeprefix(prefix))
        # Loading an expired session removes its file and would create a new
        # one; Django disables create() here for the same reason.
        session.create = lambda: None
        session.load()
