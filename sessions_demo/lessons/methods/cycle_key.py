"""
Renew the key: `request.session.cycle_key()`.

It keeps the data but moves it to a new key, so a key somebody planted or saw
before is worthless on the server: `login()` calls it (or flush(), over another
user's session) for exactly that reason. With signed_cookies there is no store
to forget the old key.
"""

from django.http import HttpRequest
from django.views.decorators.http import require_POST

from ..tryit import Outcome
from .replay import load_key, short


@require_POST
def cycle_key(request: HttpRequest) -> Outcome:
    """Move the data to a new key; then try loading the old key."""
    old_key = request.session.session_key
    request.session.cycle_key()
    return Outcome(
        f"request.session.cycle_key(): key {short(old_key)} → "
        f"{short(request.session.session_key)}\n"
        f"loading the old key now gives {load_key(request.session, old_key)!r}"
    )
