"""
Empty or not: `request.session.is_empty()` and `bool(request.session)`.

A session is empty when it has neither a key nor loaded data; since Django 6.1
`bool(session)` is `not is_empty()`. Neither loads the session: a cookie whose
session the store has forgotten (expired, evicted) still has a key, so it
answers "not empty" until something reads the session. The try-it asks first,
before anything has loaded it, then reads, then asks again.
"""

from django.http import HttpRequest
from django.views.decorators.http import require_GET

from ..tryit import Outcome


@require_GET
def is_empty(request: HttpRequest) -> Outcome:
    """Ask before the session is loaded, read it, and ask again."""
    empty = request.session.is_empty()  # looks at the key only: no load
    truthy = bool(request.session)
    keys = list(request.session.keys())  # the first read loads the session
    return Outcome(
        f"request.session.is_empty() → {empty}\n"
        f"bool(request.session) → {truthy}\n"
        f"list(request.session.keys()) → {keys!r}\n"
        f"request.session.is_empty() → {request.session.is_empty()}"
    )
