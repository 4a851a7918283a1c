"""A cache backend that is always down, like a Redis server nobody started."""

from django.core.cache.backends.base import BaseCache

MESSAGE = "the cache server is down"


class BrokenCache(BaseCache):
    def __init__(self, location, params):
        super().__init__(params)

    def _down(self, *args, **kwargs):
        raise ConnectionError(MESSAGE)

    add = get = set = touch = delete = has_key = _down

    def clear(self):
        """Nothing to clear: the tests' reset between tests must not fail."""
