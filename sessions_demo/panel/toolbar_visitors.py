"""
The debug toolbar, for one visitor at a time.

django-debug-toolbar keeps the panels of the last requests in one store for the
whole process, and its History panel lists them all: under `make run` every
browser comes from 127.0.0.1, so each saw the others' requests, with their
session keys and data. Here the toolbar shows only to a visitor the course
knows by their `course_visitor` cookie (so from their second page on), and the
store files every request under that visitor: History lists, and
`render_panel` serves, the visitor's own requests only. Another visitor's
request id, even when known, finds nothing.
"""

import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from typing import Any

from debug_toolbar import settings as toolbar_settings
from debug_toolbar.middleware import show_toolbar as shown_to_this_address
from debug_toolbar.store import BaseStore, deserialize, serialize
from django.http import HttpRequest

from .exchange import visitor_id

# Visitors whose requests the store keeps at once; the longest quiet goes first.
# Each keeps its last RESULTS_CACHE_SIZE requests (DEBUG_TOOLBAR_CONFIG).
MAX_VISITORS = 20

_visitor: ContextVar[str | None] = ContextVar("toolbar_visitor", default=None)


def show_toolbar(request: HttpRequest) -> bool:
    """Show the toolbar to a known visitor, where the toolbar would show at all."""
    visitor = visitor_id(request) if shown_to_this_address(request) else None
    # The toolbar asks this first on every request it serves (its middleware,
    # render_panel, the history views): the store below then knows whose.
    _visitor.set(visitor)
    return visitor is not None


class VisitorStore(BaseStore):
    """The toolbar's MemoryStore, kept apart per visitor."""

    _lock = threading.RLock()
    _visitors: OrderedDict[str, OrderedDict[str, dict[str, str]]] = OrderedDict()

    @classmethod
    def _own(cls) -> OrderedDict[str, dict[str, str]]:
        # Call with the lock held. No visitor, no requests: writes go nowhere.
        visitor = _visitor.get()
        if visitor is None:
            return OrderedDict()
        requests = cls._visitors.setdefault(visitor, OrderedDict())
        cls._visitors.move_to_end(visitor)
        while len(cls._visitors) > MAX_VISITORS:
            cls._visitors.popitem(last=False)
        return requests

    @classmethod
    def request_ids(cls) -> Iterable:
        """Return the current visitor's stored request ids, oldest first."""
        with cls._lock:
            return list(cls._own())

    @classmethod
    def exists(cls, request_id: str) -> bool:
        """Tell whether the current visitor has a request with this id."""
        with cls._lock:
            return request_id in cls._own()

    @classmethod
    def set(cls, request_id: str) -> None:
        """Keep a request id for the current visitor, forgetting their oldest."""
        with cls._lock:
            requests = cls._own()
            requests.setdefault(request_id, {})
            size = toolbar_settings.get_config()["RESULTS_CACHE_SIZE"]
            while len(requests) > size:
                requests.popitem(last=False)

    @classmethod
    def clear(cls) -> None:
        """Forget the current visitor's requests."""
        with cls._lock:
            cls._own().clear()

    @classmethod
    def delete(cls, request_id: str) -> None:
        """Forget one of the current visitor's requests."""
        with cls._lock:
            cls._own().pop(request_id, None)

    @classmethod
    def save_panel(cls, request_id: str, panel_id: str, data: Any = None) -> None:
        """Keep a panel's data for one of the current visitor's requests."""
        serialized = serialize(data)
        with cls._lock:
            cls.set(request_id)
            cls._own().get(request_id, {})[panel_id] = serialized

    @classmethod
    def panel(cls, request_id: str, panel_id: str) -> Any:
        """Return a panel's data for one of the current visitor's requests."""
        with cls._lock:
            data = cls._own().get(request_id, {}).get(panel_id)
        return {} if data is None else deserialize(data)

    @classmethod
    def panels(cls, request_id: str) -> Iterator[tuple[str, Any]]:
        """Yield every panel's data for one of the current visitor's requests."""
        with cls._lock:
            stored = dict(cls._own().get(request_id, {}))
        for panel_id, data in stored.items():
            yield panel_id, deserialize(data)

    @classmethod
    def forget_everyone(cls) -> None:
        """Forget every visitor's requests, as after a restart."""
        with cls._lock:
            cls._visitors.clear()
