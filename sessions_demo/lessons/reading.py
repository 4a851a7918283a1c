"""
Reading the whole session at once: keys(), items(), values().

They are the dictionary methods, run on the session's data after it was
loaded from the engine. Like any read they mark the session accessed (so the
response varies on Cookie) and never modified: nothing is saved. They show
Django's own keys too, such as `_session_expiry` after set_expiry().
"""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from ..tryit import report


@require_GET
def keys(request: HttpRequest) -> HttpResponse:
    """List the keys of the visitor's session."""
    names = list(request.session.keys())
    return report(request, f"list(request.session.keys()) → {names!r}")


@require_GET
def items(request: HttpRequest) -> HttpResponse:
    """List the (key, value) pairs of the visitor's session."""
    pairs = list(request.session.items())
    return report(request, f"list(request.session.items()) → {pairs!r}")


@require_GET
def values(request: HttpRequest) -> HttpResponse:
    """List the values of the visitor's session."""
    stored = list(request.session.values())
    return report(request, f"list(request.session.values()) → {stored!r}")
