"""
Clean up: `SessionStore.clear_expired()` and `manage.py clearsessions`.

An expired session is never loaded again, but the db engine keeps its row
until something deletes it, and the file engine deletes an expired file only
when somebody loads it; `clearsessions` (run it from cron) calls the engine's
clear_expired() to clear the rest. The cache expires its entries by itself and
signed_cookies store nothing, so for them it does nothing.
"""

from datetime import timedelta

from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest
from django.utils import timezone
from django.views.decorators.http import require_POST

from ..tryit import Outcome

PLANTED_KEY = "planted_by"


@require_POST
def clear_expired(request: HttpRequest) -> Outcome:
    """Store an already-expired session, then clear expired sessions."""
    store = type(request.session)  # the visitor's engine
    planted = plant_expired_session(store)
    before = store().exists(planted)
    store.clear_expired()
    after = store().exists(planted)
    return Outcome(
        f"saved an expired session, key {planted[:8]!r}…: exists() → {before}\n"
        f"{store.__module__}.SessionStore.clear_expired()\n"
        f"exists() → {after}"
    )


def plant_expired_session(store: type[SessionBase]) -> str:
    """Save a session whose expiry is already past; return its key."""
    session = store()
    session[PLANTED_KEY] = "the clear-expired lesson"
    session.set_expiry(timezone.now() - timedelta(minutes=1))
    session.save(must_create=True)  # saves it now, under a new key
    return session.session_key
