"""
Step 3 of the test cookie: `request.session.delete_test_cookie()`.

It removes the marker once it has served; without a marker it raises KeyError.
"""

from django.http import HttpRequest
from django.views.decorators.http import require_POST

from ..tryit import Outcome


@require_POST
def delete_test_cookie(request: HttpRequest) -> Outcome:
    """Remove the test marker, if it is there."""
    if not request.session.test_cookie_worked():
        return Outcome(
            "No test marker in the session: delete_test_cookie() would raise KeyError"
        )
    request.session.delete_test_cookie()
    return Outcome("request.session.delete_test_cookie()")
