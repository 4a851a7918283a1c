"""
List the values: `request.session.values()`.

Every value, without its key; a read like keys() and items(), which saves
nothing as long as the store still has the session.
"""

from django.http import HttpRequest
from django.views.decorators.http import require_GET

from ..tryit import Outcome


@require_GET
def values(request: HttpRequest) -> Outcome:
    """List the values of the visitor's session."""
    stored = list(request.session.values())
    return Outcome(f"list(request.session.values()) → {stored!r}")
