"""
When does it end? `request.session.get_expiry_date()`.

The moment the session would expire if it were saved now: like
get_expiry_age(), it counts from "now" unless set_expiry() fixed a moment.
"""

from django.http import HttpRequest
from django.views.decorators.http import require_GET

from ..tryit import Outcome


@require_GET
def get_expiry_date(request: HttpRequest) -> Outcome:
    """Ask when the session would expire if saved now."""
    moment = request.session.get_expiry_date()
    return Outcome(f"request.session.get_expiry_date() → {moment.isoformat()}")
