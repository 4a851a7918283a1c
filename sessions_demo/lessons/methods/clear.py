"""
Empty it: `request.session.clear()`.

It removes every key but keeps the session key, so the session is saved again
empty and its cookie stays (with signed_cookies, whose key is the data, the
cookie changes). flush() is the one that also drops the key.
"""

from django.http import HttpRequest
from django.views.decorators.http import require_POST

from ..tryit import Outcome


@require_POST
def clear(request: HttpRequest) -> Outcome:
    """Remove every key; keep the session key and the cookie."""
    request.session.clear()
    return Outcome("request.session.clear()")
