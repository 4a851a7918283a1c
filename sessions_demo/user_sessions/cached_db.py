"""
SESSION_ENGINE = "sessions_demo.user_sessions.cached_db": the same model,
with a cache in front, as Django's cached_db puts one before django_session.

The cached_db engine keeps each session in the cache under `cache_key_prefix`
+ key. Every subclass inherits Django's prefix, so without a prefix of its own
this engine would share cache entries with the built-in cached_db: a key one
engine cached would load, from the cache, in the other.
"""

from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore

from . import db


class SessionStore(db.SessionStore, CachedDBStore):
    """cached_db's caching, on the UserSession model of the db variant."""

    cache_key_prefix = "sessions_demo.user_sessions.cached_db"
