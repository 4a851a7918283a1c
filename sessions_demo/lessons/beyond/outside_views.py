"""
Sessions outside views: any code that holds the key can open the session.

A session is just data in a store under a key. A management command, a task
queue or a shell can open it with the engine's `SessionStore(session_key)`,
no request needed; that is also why the key must stay secret.
"""

from django.http import HttpRequest
from django.views.decorators.http import require_GET

from ..tryit import Outcome


@require_GET
def open_by_key(request: HttpRequest) -> Outcome:
    """Open the visitor's session again, by its key alone, as a script would."""
    key = request.session.session_key
    SessionStore = type(request.session)  # a script imports it from the engine
    seen_from_outside = SessionStore(session_key=key)
    return Outcome(f"SessionStore({key!r}) → {dict(seen_from_outside.items())!r}")
