"""
End it: `request.session.flush()`.

flush() deletes the stored session and forgets its key: the old key loads
nothing any more, and the cookie is deleted. `logout()` calls it. With
signed_cookies there is no server-side store, so an old cookie keeps working.
"""

from django.http import HttpRequest
from django.views.decorators.http import require_POST

from ..tryit import Outcome
from .replay import load_key, short


@require_POST
def flush(request: HttpRequest) -> Outcome:
    """Delete the session and its key; then try loading the old key."""
    old_key = request.session.session_key
    request.session.flush()
    return Outcome(
        f"request.session.flush(): key {short(old_key)} → "
        f"{short(request.session.session_key)}\n"
        f"loading the old key now gives {load_key(request.session, old_key)!r}"
    )
