"""
What one visitor may make the server keep, and how fast.

A course is shared: every session a stranger's script starts is a row, a file
or a cache entry the server holds for weeks. So the stores count the sessions
they create per client address, and refuse one more than
settings.LAB_NEW_SESSIONS_PER_MINUTE in any 60 seconds with SessionRefused,
which the lab's middleware answers with a 429 page. And a session holds at
most MAX_SESSION_KEYS keys and MAX_SESSION_BYTES bytes as its serializer writes
them: the size of a cookie, the one engine with a limit of its own, and plenty
for ids and preferences. The counts live in this process's memory.
"""

import math
import threading
import time
from collections import OrderedDict, deque
from contextvars import ContextVar

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest

WINDOW_SECONDS = 60
# Addresses remembered at once; beyond, the longest quiet one is forgotten.
MAX_CLIENTS = 10_000
MAX_SESSION_KEYS = 50
MAX_SESSION_BYTES = 4096

# The address of the request being served, set by the lab's middleware. A store
# used outside a request (clearsessions, the shell) counts against nobody.
_client: ContextVar[str | None] = ContextVar("sessions_lab_client", default=None)
_lock = threading.Lock()
_created: OrderedDict[str, deque[float]] = OrderedDict()


class SessionRefused(Exception):
    """The store will not keep a new session now; the message says why."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def per_minute() -> int:
    """Return how many new sessions one address may start in 60 seconds."""
    return settings.LAB_NEW_SESSIONS_PER_MINUTE


def address_of(request: HttpRequest) -> str | None:
    """Return the address a request came from: our proxy's word for it, if any."""
    # Behind the TLS proxy (DJANGO_HTTPS=1) every request comes from the proxy;
    # it appends the address it saw to X-Forwarded-For. Entries before the
    # last one came from the browser, and prove nothing.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and forwarded:
        return forwarded.rsplit(",", 1)[-1].strip()
    return request.META.get("REMOTE_ADDR")


def serve(client: str | None) -> None:
    """Count the sessions created from now on against client, until done()."""
    _client.set(client)


def done() -> None:
    """Stop counting: the request is answered."""
    _client.set(None)


def count_new_session() -> None:
    """Count a new stored session for the client; refuse it if one too many."""
    client = _client.get()
    if client is None:
        return
    now = time.monotonic()
    with _lock:
        created = _created.setdefault(client, deque())
        _created.move_to_end(client)
        while created and created[0] <= now - WINDOW_SECONDS:
            created.popleft()
        if len(created) >= per_minute():
            wait = math.ceil(created[0] + WINDOW_SECONDS - now)
            raise SessionRefused(
                f"Your address started {len(created)} sessions in the last minute: "
                f"the limit here is {per_minute()}, so that no visitor can fill "
                f"the stores everybody shares. Try again in {wait} s.",
                retry_after=wait,
            )
        created.append(now)
        while len(_created) > MAX_CLIENTS:
            _created.popitem(last=False)


def forget_clients() -> None:
    """Forget every count, as after a restart."""
    with _lock:
        _created.clear()


def size_of(session: SessionBase, data: dict) -> tuple[int, int | None]:
    """Return how many keys data holds, and its bytes as the session serializes it."""
    try:
        written = len(session.serializer().dumps(data))
    except (RecursionError, TypeError, ValueError):
        written = None  # the store could not write it either: saving will say so
    return len(data), written


def refused_growth(session: SessionBase, before: dict) -> str | None:
    """Say why the session may not keep what it grew to since before, if so."""
    keys, written = size_of(session, dict(session.items()))
    old_keys, old_written = size_of(session, before)
    # A session already over a bound (stored before it existed) may shrink.
    if keys > MAX_SESSION_KEYS and keys > old_keys:
        return (
            f"Refused: your session would hold {keys} keys; the limit here is "
            f"{MAX_SESSION_KEYS}. Delete some first."
        )
    if written and written > MAX_SESSION_BYTES and written > (old_written or 0):
        return (
            f"Refused: your session would take {written} bytes as its serializer "
            f"writes it; the limit here is {MAX_SESSION_BYTES}, the size of a "
            "cookie. Delete something first."
        )
    return None
