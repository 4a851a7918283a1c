"""
Seconds left? `request.session.get_expiry_age()`.

It answers the age the session would get if it were saved now: computed from
`_session_expiry` and from "now", not from the moment it was last saved.
Django's docs say it exists for saving: SessionMiddleware calls it for the
cookie's Max-Age, the cache engines for their timeout.
"""

from django.http import HttpRequest
from django.views.decorators.http import require_GET

from ..tryit import Outcome


@require_GET
def get_expiry_age(request: HttpRequest) -> Outcome:
    """Ask how many seconds the session would live if saved now."""
    age = request.session.get_expiry_age()
    return Outcome(f"request.session.get_expiry_age() → {age}")
