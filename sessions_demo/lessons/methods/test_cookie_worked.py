"""
Step 2 of the test cookie: `request.session.test_cookie_worked()`.

On a later request than set_test_cookie(), the marker is only there if the
browser accepted the session cookie and sent it back.
"""

from django.http import HttpRequest
from django.views.decorators.http import require_GET

from ..tryit import Outcome


@require_GET
def test_cookie_worked(request: HttpRequest) -> Outcome:
    """Check, on a later request, whether the marker came back."""
    worked = request.session.test_cookie_worked()
    return Outcome(f"request.session.test_cookie_worked() → {worked}")
