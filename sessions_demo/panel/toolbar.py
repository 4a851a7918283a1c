"""
A Session panel for django-debug-toolbar: what one request did with the session.

Django's session is lazy: the store is read the first time the view touches
`request.session`, and written by SessionMiddleware on the way out, only if
the session was modified (or SESSION_SAVE_EVERY_REQUEST is on). This panel
shows both ends: the `accessed` and `modified` flags the middleware decided
on, every call the request made into the engine's store (load, exists,
create, save, delete), the Set-Cookie it answered with, and the snapshot the
course's own live panel shows. A page that a POST redirected to also gets that
POST, from the visitor's HTTP exchange record: the write that led here.

Like the toolbar's CachePanel, the store classes are wrapped once, at start-up,
and never unwrapped; a wrapper records only while a panel is current for the
thread, so requests without the toolbar pay one attribute lookup.
"""

import functools
import json
from collections.abc import Callable
from time import perf_counter
from typing import Any

from asgiref.local import Local
from debug_toolbar.panels import Panel
from django.contrib.sessions.backends.base import SessionBase
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.utils.module_loading import import_string

from ..lab.engines import ENGINES, engine_name, engine_path
from . import exchange
from .round_trip import led_to
from .snapshot import snapshot as session_snapshot
from .tags import as_json

# What a store does; everything else in SessionBase is built on these.
STORE_METHODS = ("load", "exists", "create", "save", "delete")
READS = {"load", "exists"}
MAX_REPR = 80


class SessionToolbarPanel(Panel):
    """The visitor's session as this request found, used and left it."""

    title = "Session"
    template = "panel/toolbar.html"

    _context_locals = Local()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.calls: list[dict[str, Any]] = []
        self._depth = 0

    @classmethod
    def current_instance(cls) -> "SessionToolbarPanel | None":
        """Return the panel recording for this thread or task, if any."""
        return getattr(cls._context_locals, "current_instance", None)

    @classmethod
    def ready(cls) -> None:
        for name in ENGINES:
            store_class = import_string(engine_path(name) + ".SessionStore")
            for method in STORE_METHODS:
                _record_calls_to(store_class, method)

    @property
    def nav_subtitle(self) -> str:
        stats = self.get_stats()
        if not stats.get("has_session"):
            return "no session"
        names = {call["method"] for call in stats["calls"]}
        done = [
            verb
            for verb, used in (("read", names & READS), ("wrote", names - READS))
            if used
        ]
        return f"{stats['engine']} · {', '.join(done) or 'store untouched'}"

    def enable_instrumentation(self) -> None:
        self._context_locals.current_instance = self

    def disable_instrumentation(self) -> None:
        self._context_locals.current_instance = None

    def generate_stats(self, request: HttpRequest, response: HttpResponse) -> None:
        session = getattr(request, "session", None)
        if session is None:
            self.record_stats({"has_session": False})
            return
        # The flags first: building the snapshot reads the session itself.
        flags = {"accessed": session.accessed, "modified": session.modified}
        snapshot = session_snapshot(request)
        cookie_name = snapshot["cookie_name"]
        set_cookie = response.cookies.get(cookie_name)
        self.record_stats(
            {
                "has_session": True,
                "led_here": _write_that_led_here(request, response),
                **flags,
                "engine": snapshot["engine"],
                "cookie_name": cookie_name,
                "key_sent": request.COOKIES.get(cookie_name),
                "session_key": snapshot["session_key"],
                "set_cookie": set_cookie.OutputString() if set_cookie else None,
                "calls": self.calls,
                "data": [
                    (key, as_json(value), key in snapshot["internal_keys"])
                    for key, value in snapshot["data"].items()
                ],
                "expiry_age": snapshot["expiry_age"],
                "expiry_date": snapshot["expiry_date"],
                "expire_at_browser_close": snapshot["expire_at_browser_close"],
                "stored": _indented(snapshot["storage"]),
            }
        )

    def _record_call(
        self,
        store: SessionBase,
        name: str,
        method: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> Any:
        # Store methods call each other (save() may call create(), which calls
        # exists()); the outermost call is what the request asked for.
        if self._depth:
            return method(store, *args, **kwargs)
        key_before = store.session_key
        start = perf_counter()
        self._depth += 1
        try:
            result = method(store, *args, **kwargs)
        except Exception as error:
            outcome = f"raised {type(error).__name__}"
            raise
        else:
            outcome = _describe_result(result)
        finally:
            self._depth -= 1
            if store.session_key and store.session_key != key_before:
                outcome = ", ".join(filter(None, [outcome, "new key"]))
            self.calls.append(
                {
                    "method": name,
                    "call": f"{name}({_arguments(args, kwargs)})",
                    "store": engine_name(store),
                    "result": outcome,
                    "session_key": store.session_key,
                    "milliseconds": round((perf_counter() - start) * 1000, 2),
                }
            )
        return result


def _indented(storage: dict[str, Any]) -> str:
    """Return what the store holds as indented JSON, or on one line if too deep."""
    try:
        return json.dumps(storage, indent=2, cls=DjangoJSONEncoder)
    except RecursionError:
        # Indenting runs in Python, a frame per level; the one-line encoder is
        # C, and copes with any depth the store could give back.
        return json.dumps(storage, cls=DjangoJSONEncoder)


def _write_that_led_here(
    request: HttpRequest, response: HttpResponse
) -> dict[str, Any] | None:
    """Describe the request whose redirect brought the browser here, if any."""
    current = exchange.exchange_of(request, response)
    recent = exchange.recent(request)
    # The exchange middleware may have recorded this very request already.
    if recent and (recent[0].method, recent[0].path) == (current.method, current.path):
        recent = recent[1:]
    if not recent or not led_to(recent[0], current):
        return None
    entry = recent[0]
    cookie = entry.session_set_cookie
    return {
        "request": f"{entry.method} {entry.path} → {entry.status}",
        "cookie_sent": entry.session_value_sent is not None,
        "accessed": entry.accessed,
        "modified": entry.modified,
        "store_calls": ", ".join(f"{call}()" for call in entry.store_calls),
        "set_cookie": cookie.header if cookie else None,
        "why_no_cookie": entry.no_session_cookie_because,
        "changes": [f"{kind} {key!r}" if key else kind for kind, key in entry.changes],
        "outcome": entry.outcome,
    }


def _record_calls_to(store_class: type[SessionBase], name: str) -> None:
    """Wrap a store method defined on store_class, once, to report its calls."""
    original = vars(store_class).get(name)
    if original is None or getattr(original, "records_for_session_panel", False):
        return

    @functools.wraps(original)
    def wrapper(store: SessionBase, *args: Any, **kwargs: Any) -> Any:
        panel = SessionToolbarPanel.current_instance()
        if panel is None:
            return original(store, *args, **kwargs)
        return panel._record_call(store, name, original, args, kwargs)

    wrapper.records_for_session_panel = True
    setattr(store_class, name, wrapper)


def _describe_result(result: Any) -> str:
    if result is None:
        return ""
    if isinstance(result, dict):
        return f"{len(result)} key{'' if len(result) == 1 else 's'}"
    return _short_repr(result)


def _arguments(args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    shown = [_short_repr(arg) for arg in args]
    shown += [f"{name}={_short_repr(value)}" for name, value in kwargs.items()]
    return ", ".join(shown)


def _short_repr(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= MAX_REPR else text[: MAX_REPR - 1] + "…"
