"""
A local-memory cache that never evicts to make room: it refuses instead.

Django's LocMemCache, when full (OPTIONS MAX_ENTRIES, 300 by default), culls a
third of its entries, least recently used first. For a site's cache that is
right; for the caches that hold a shared course's sessions it means one
visitor's new sessions log other visitors out. This one, when a new key finds
it full, drops only the entries that have expired anyway; if it is still full,
it raises CacheFull: the lab's stores refuse the new session with a 429 page
that says so (stores.py). Every session already there stays.
"""

import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache


class CacheFull(Exception):
    """The cache holds MAX_ENTRIES live entries and takes no new key."""

    def __init__(self, max_entries: int) -> None:
        super().__init__(
            f"the cache holds its maximum of {max_entries} entries; this course "
            "refuses a new one rather than evict a session"
        )
        self.max_entries = max_entries


class NoEvictionCache(LocMemCache):
    """LocMemCache that refuses a new key when full, rather than evict others."""

    def _set(self, key: str, value: bytes, timeout=DEFAULT_TIMEOUT) -> None:
        # LocMemCache._set without its _cull(); always called under the lock.
        if key not in self._cache and len(self._cache) >= self._max_entries:
            self._drop_expired()
            if len(self._cache) >= self._max_entries:
                raise CacheFull(self._max_entries)
        self._cache[key] = value
        self._cache.move_to_end(key, last=False)
        self._expire_info[key] = self.get_backend_timeout(timeout)

    def _drop_expired(self) -> None:
        now = time.time()
        for key, deadline in list(self._expire_info.items()):
            if deadline is not None and deadline <= now:
                self._delete(key)
