"""
Step 1 of the test cookie: `request.session.set_test_cookie()`.

It stores a marker in the session. The browser must carry the session cookie
back before test_cookie_worked() can see the marker, so the check belongs on
a later request: on this one it is always true.
"""

from django.http import HttpRequest
from django.views.decorators.http import require_POST

from ..tryit import Outcome


@require_POST
def set_test_cookie(request: HttpRequest) -> Outcome:
    """Store the test marker; check it on this same request, which proves nothing."""
    request.session.set_test_cookie()
    same_request = request.session.test_cookie_worked()
    return Outcome(
        "request.session.set_test_cookie()\n"
        f"test_cookie_worked() on this same request → {same_request}"
    )
