"""
What a cache holds, read alike from local memory and from Redis, for tests
that look behind a cache's API (its keys, when an entry expires, whether it
was written).
"""

import time

from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

# Every command Django's RedisCache sends to change an entry.
REDIS_WRITES = ("set", "setex", "psetex", "mset", "expire", "pexpire", "persist")
REDIS_WRITES += ("del", "unlink", "incrby", "flushdb", "getdel", "getex")


def is_redis(cache: BaseCache) -> bool:
    """Say whether the cache is Django's RedisCache."""
    return isinstance(cache, RedisCache)


def keys(cache: BaseCache) -> list[str]:
    """Return the keys the cache holds, as it stores them (prefix and version)."""
    if isinstance(cache, LocMemCache):
        return list(cache._cache)
    client = cache._cache.get_client()
    return [key.decode() for key in client.keys("*")]


def deadline(cache: BaseCache, key: str) -> float | None:
    """Return when the cache drops key, as a Unix time; None if never or absent."""
    internal = cache.make_and_validate_key(key)
    if isinstance(cache, LocMemCache):
        return cache._expire_info.get(internal)
    milliseconds = cache._cache.get_client(internal).pttl(internal)
    return time.time() + milliseconds / 1000 if milliseconds >= 0 else None


def redis_writes(cache: BaseCache) -> int:
    """Return how many writing commands the Redis server has run, all clients."""
    stats = cache._cache.get_client(write=True).info("commandstats")
    return sum(
        stats.get(f"cmdstat_{name}", {}).get("calls", 0) for name in REDIS_WRITES
    )


def fingerprint(cache: BaseCache, key: str) -> tuple[object, object]:
    """Return what changes when key is written: its value, and its deadline."""
    # Redis counts a TTL down by itself, so "the deadline did not move" is
    # asked of the server as "no write command ran".
    if is_redis(cache):
        return cache.get(key), redis_writes(cache)
    return cache.get(key), deadline(cache, key)


def age(cache: BaseCache, seconds: float) -> None:
    """Let seconds pass for a Redis cache: every entry's TTL runs down that much."""
    # Redis keeps time on the server, where a mocked clock cannot reach: each
    # key's remaining lifetime is shortened instead, and a key whose lifetime
    # runs out is gone, as it would be then.
    client = cache._cache.get_client(write=True)
    for key in client.scan_iter():
        left = client.pttl(key)
        if left < 0:
            continue  # no timeout: nothing runs out
        if left <= seconds * 1000:
            client.delete(key)
        else:
            client.pexpire(key, int(left - seconds * 1000))
