"""
List the keys: `request.session.keys()`.

The dictionary method, run on the session's data after it was loaded. It shows
Django's own keys too, such as `_session_expiry` after set_expiry(), and like
any read of a session the store still has, it saves nothing.
"""

from django.http import HttpRequest
from django.views.decorators.http import require_GET

from ..tryit import Outcome


@require_GET
def keys(request: HttpRequest) -> Outcome:
    """List the keys of the visitor's session."""
    names = list(request.session.keys())
    return Outcome(f"list(request.session.keys()) → {names!r}")
