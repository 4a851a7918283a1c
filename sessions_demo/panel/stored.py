"""
What the engine physically stored for a session, read straight from the store.

Each engine keeps a session somewhere else: a row in `django_session`, a cache
entry, a file, or the cookie itself. These readers look without touching: they
never save, never refresh an expiry, never create anything. That rules out the
engines' own `load()`: the file engine's deletes and re-creates an expired
session, and cached_db's writes the cache on a miss. So each reader does the
one read the engine would do, and decodes with the session's own `decode()`.

Every reader answers a plain dict (JSON-ready with DjangoJSONEncoder) with at
least `where` (a sentence), `found`, `expire_date` (when the session ends for
the store, or None when the store itself records no end) and `loaded`: the
data the engine's `load()` would give for this key now, or None when it would
find no session. `loaded` comes from the same single read, so the live panel
shows a session without loading it a second time; tests/panel/test_stored.py
compares it with a real load() on every engine.
"""

import os
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.exceptions import InvalidSessionKey
from django.core import signing
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.utils import timezone

from ..lab.engines import EXPIRY_KEY, engine_name

# Browsers keep cookies of at most 4096 bytes, counting name and value, and
# drop bigger ones without a word (RFC 6265 §6.1 asks for at least that much;
# tests/browser/test_cookie_size.py finds Chromium's edge).
COOKIE_LIMIT = 4096
# The salt django.contrib.sessions.backends.signed_cookies signs with.
SIGNED_COOKIES_SALT = "django.contrib.sessions.backends.signed_cookies"

WHERE = {
    "db": "a row of the django_session table",
    "cache": "an entry of the cache",
    "cached_db": "a row of django_session, with a copy in the cache",
    "file": "a file in the session folder",
    "signed_cookies": "the cookie itself, in the browser",
    "user_db": "a row of user_sessions_usersession, with the user in a column",
}
# The columns every database engine's model has (AbstractBaseSession's).
SESSION_COLUMNS = {"session_key", "session_data", "expire_date"}


def stored(session: SessionBase, cookie_name: str | None = None) -> dict[str, Any]:
    """Describe what the session's engine holds for it right now."""
    engine = engine_name(session)
    facts = {
        "engine": engine,
        "where": WHERE.get(engine),
        "found": False,
        "expire_date": None,
        "loaded": None,
    }
    reader = READERS.get(engine)
    if reader is None or not session.session_key:
        return facts
    try:
        return {**facts, **reader(session, cookie_name or settings.SESSION_COOKIE_NAME)}
    except Exception as error:  # A broken store is shown, not raised.
        return {**facts, "error": describe_error(error)}


def signed_cookie_size(session: SessionBase, data: dict, cookie_name: str) -> int:
    """Return the bytes of name and value when data travels as a signed cookie."""
    value = signing.dumps(
        data, compress=True, salt=SIGNED_COOKIES_SALT, serializer=session.serializer
    )
    return cookie_size(cookie_name, value)


def cookie_size(name: str, value: str) -> int:
    """Return a cookie's size as browsers count it against COOKIE_LIMIT."""
    return len(name.encode()) + len(value.encode())


def describe_error(error: BaseException) -> str:
    """Name an exception and its message in one line."""
    return f"{type(error).__name__}: {error}"


def _database_row(session: SessionBase, cookie_name: str) -> dict[str, Any]:
    # The engine's own model: django_session's Session, or a custom engine's.
    model = session.get_model_class()
    # Expired rows too, unlike the engine's own query: they stay in the table.
    row = model.objects.filter(session_key=session.session_key).first()
    if row is None:
        return {"found": False, "row": None, "table": model._meta.db_table}
    decoded = session.decode(row.session_data)
    return {
        "found": True,
        "table": model._meta.db_table,
        "row": {
            "session_key": row.session_key,
            "session_data": row.session_data,
            "expire_date": row.expire_date,
        },
        # A custom model's own columns (user_db: user_id, created).
        "extra_columns": [
            (field.column, getattr(row, field.attname))
            for field in model._meta.concrete_fields
            if field.name not in SESSION_COLUMNS
        ],
        "decoded": decoded,
        "expire_date": row.expire_date,
        # load() asks for expire_date > now, and gets nothing otherwise.
        "loaded": decoded if row.expire_date > timezone.now() else None,
    }


def _cache_entry(session: SessionBase, cookie_name: str) -> dict[str, Any]:
    # The store keeps the cache it was built with (SESSION_CACHE_ALIAS, or the
    # lab's choice): ask that very cache object, not a guess.
    cache: BaseCache = session._cache
    key = session.cache_key_prefix + session.session_key
    # A plain get(), the read the engine itself does on every request. It does
    # not move the expiry; locmem counts it as a use for its LRU culling.
    value = cache.get(key)
    expiry, known = _cache_expiry(cache, key) if value is not None else (None, True)
    return {
        "found": value is not None,
        "cache_alias": _alias_of(cache),
        "cache_backend": f"{type(cache).__module__}.{type(cache).__qualname__}",
        "cache_key": key,
        "full_cache_key": cache.make_key(key),
        "value": value,
        "cache_expiry": expiry,
        "cache_expiry_known": known,
        "redis_database": _redis_database(cache, key),
        "expire_date": expiry,
        "loaded": value,
    }


def _cache_expiry(cache: BaseCache, key: str) -> tuple[datetime | None, bool]:
    """Return when the cache drops the key, and whether that can be known."""
    internal = cache.make_and_validate_key(key)
    if isinstance(cache, LocMemCache):
        deadline = cache._expire_info.get(internal)
    elif isinstance(cache, RedisCache):
        # PTTL, the one read Redis needs: -1 is "no timeout", -2 "no such key".
        milliseconds = cache._cache.get_client(internal).pttl(internal)
        if milliseconds < 0:
            return None, True
        deadline = time.time() + milliseconds / 1000
    else:
        return None, False  # Other backends do not tell without extra commands.
    if deadline is None:
        return None, True  # Stored without a timeout.
    return datetime.fromtimestamp(deadline, tz=UTC), True


def _redis_database(cache: BaseCache, key: str) -> int | None:
    """Return the number of the Redis database that holds the key, for Redis."""
    if not isinstance(cache, RedisCache):
        return None
    client = cache._cache.get_client(cache.make_and_validate_key(key))
    return client.connection_pool.connection_kwargs.get("db", 0)


def _alias_of(cache: BaseCache) -> str | None:
    return next((alias for alias in settings.CACHES if caches[alias] is cache), None)


def _cached_database(session: SessionBase, cookie_name: str) -> dict[str, Any]:
    entry = _cache_entry(session, cookie_name)
    database = _database_row(session, cookie_name)
    return {
        **{name: value for name, value in entry.items() if name != "found"},
        "in_cache": entry["found"],
        # The row is the record (found, expire_date); the cache holds a copy.
        **database,
        # load() answers from the cache when it can, and from the row otherwise.
        "loaded": entry["loaded"] if entry["found"] else database.get("loaded"),
    }


def _session_file(session: SessionBase, cookie_name: str) -> dict[str, Any]:
    try:
        path = session._key_to_file(session.session_key)  # Refuses "../" keys.
    except InvalidSessionKey as error:
        return {"path": None, "expire_date": None, "error": describe_error(error)}
    facts = {"path": path, "folder": session.storage_path, "expire_date": None}
    try:
        with open(path, encoding="ascii") as session_file:
            content = session_file.read()
        modified = datetime.fromtimestamp(os.stat(path).st_mtime, tz=UTC)
    except FileNotFoundError:
        return facts
    decoded = session.decode(content) if content else {}
    age = session.get_session_cookie_age()
    # The engine's own test, from file.SessionStore.load(): an expiry stored in
    # the data, or else the file's modification time plus the cookie age.
    seconds_left = session.get_expiry_age(
        expiry=decoded.get(EXPIRY_KEY) or modified + timedelta(seconds=age)
    )
    expiry = decoded.get(EXPIRY_KEY)
    if isinstance(expiry, str):
        expire_date, enforced = datetime.fromisoformat(expiry), True
    elif expiry:
        # Django compares the number itself (say 300) with zero, so the
        # file never expires on the server; the cookie ends N s after saving.
        expire_date, enforced = modified + timedelta(seconds=expiry), False
    else:
        expire_date, enforced = modified + timedelta(seconds=age), True
    return {
        **facts,
        "found": True,
        "content": content,
        "decoded": decoded,
        "modified": modified,
        "expire_date": expire_date,
        "server_enforces_expiry": enforced,
        "loaded": decoded if seconds_left > 0 else None,
    }


def _signed_cookie(session: SessionBase, cookie_name: str) -> dict[str, Any]:
    cookie = session.session_key
    payload, timestamp, signature = (cookie.split(":", 2) + ["", ""])[:3]
    size = cookie_size(cookie_name, cookie)
    facts = {
        "cookie_name": cookie_name,
        "cookie": cookie,
        "payload": payload,
        "compressed": payload.startswith("."),
        "timestamp": timestamp,
        "signature": signature,
        "size": size,
        "limit": COOKIE_LIMIT,
        "over_limit": size > COOKIE_LIMIT,
        "expire_date": None,
    }
    try:
        decoded = signing.loads(
            cookie, salt=SIGNED_COOKIES_SALT, serializer=session.serializer
        )
        signed_at = datetime.fromtimestamp(signing.b62_decode(timestamp), tz=UTC)
    except (signing.BadSignature, ValueError) as error:
        # Something is stored, but the server ignores it and starts afresh.
        return {**facts, "found": True, "valid": False, "error": describe_error(error)}
    server_expiry = signed_at + timedelta(seconds=session.get_session_cookie_age())
    expired = server_expiry <= timezone.now()
    expiry = decoded.get(EXPIRY_KEY)
    # The browser drops the cookie at its own expiry (none for 0: browser close);
    # the server refuses it SESSION_COOKIE_AGE after signing, whatever
    # set_expiry() said (Django ticket 19201). The earlier one wins.
    ends = [server_expiry]
    if expiry != 0:
        ends.append(session.get_expiry_date(modification=signed_at, expiry=expiry))
    return {
        **facts,
        "found": True,
        "valid": True,
        "decoded": decoded,
        "signed_at": signed_at,
        "server_expiry": server_expiry,
        "expired": expired,
        "expire_date": min(ends),
        # load() checks the signature's age against SESSION_COOKIE_AGE only.
        "loaded": None if expired else decoded,
    }


READERS = {
    "db": _database_row,
    "cache": _cache_entry,
    "cached_db": _cached_database,
    "file": _session_file,
    "signed_cookies": _signed_cookie,
    "user_db": _database_row,
}
