"""
List the pairs: `request.session.items()`.

Every key with its value, as the engine gave them back when it loaded the
session. Like any read of a session the store still has, it marks the
session accessed and saves nothing.
"""

from django.http import HttpRequest
from django.views.decorators.http import require_GET

from ..tryit import Outcome


@require_GET
def items(request: HttpRequest) -> Outcome:
    """List the (key, value) pairs of the visitor's session."""
    pairs = list(request.session.items())
    return Outcome(f"list(request.session.items()) → {pairs!r}")
