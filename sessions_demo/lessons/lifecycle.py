"""
Ending and renewing a session: flush() and cycle_key().

flush() deletes the stored session and forgets its key: the old key loads
nothing any more, and the cookie is deleted. cycle_key() keeps the data but
moves it to a new key, so a key somebody planted or saw before is worthless:
`login()` calls it for exactly that reason. With signed_cookies there is no
server-side store, so neither can make an old cookie stop working.
"""

from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from ..tryit import report


@require_POST
def flush(request: HttpRequest) -> HttpResponse:
    """Delete the session and its key; then try loading the old key."""
    old_key = request.session.session_key
    request.session.flush()
    return report(
        request,
        f"request.session.flush(): key {short(old_key)} → "
        f"{short(request.session.session_key)}\n"
        f"loading the old key now gives {load_key(request.session, old_key)!r}",
    )


@require_POST
def cycle_key(request: HttpRequest) -> HttpResponse:
    """Move the data to a new key; then try loading the old key."""
    old_key = request.session.session_key
    request.session.cycle_key()
    return report(
        request,
        f"request.session.cycle_key(): key {short(old_key)} → "
        f"{short(request.session.session_key)}\n"
        f"loading the old key now gives {load_key(request.session, old_key)!r}",
    )


def load_key(session: SessionBase, key: str | None) -> dict[str, object]:
    """Load what the visitor's engine holds under key, as a replayed cookie would."""
    # A fresh store of the same engine, just as the middleware would build one
    # for a request that came in carrying the old cookie.
    return type(session)(session_key=key).load() if key else {}


def short(key: str | None) -> str:
    """Abbreviate a session key for display: its start and its end."""
    # A signed cookie ends with its timestamp and signature, where it changes.
    return repr(key) if not key or len(key) <= 16 else repr(f"{key[:6]}…{key[-6:]}")
