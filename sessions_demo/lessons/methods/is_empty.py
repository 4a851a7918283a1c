"""
Empty or not: `request.session.is_empty()` and `bool(request.session)`.

A session is empty when it has neither a key nor data; since Django 6.1
`bool(session)` is `not is_empty()`.
"""

from django.http import HttpRequest
from django.views.decorators.http import require_GET

from ..tryit import Outcome


@require_GET
def is_empty(request: HttpRequest) -> Outcome:
    """Ask whether the session is empty, and what bool() says."""
    empty = request.session.is_empty()
    truthy = bool(request.session)
    return Outcome(
        f"request.session.is_empty() → {empty}\nbool(request.session) → {truthy}"
    )
