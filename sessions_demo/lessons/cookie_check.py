"""
Does the browser accept cookies? The test cookie answers across two requests.

set_test_cookie() stores a marker in the session; the browser must carry the
session cookie back before test_cookie_worked() can see it, so the check
belongs on a later request. delete_test_cookie() removes the marker again.
"""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET, require_POST

from ..tryit import report


@require_POST
def set_test_cookie(request: HttpRequest) -> HttpResponse:
    """Store the test marker; check it on this same request, which proves nothing."""
    request.session.set_test_cookie()
    same_request = request.session.test_cookie_worked()
    return report(
        request,
        "request.session.set_test_cookie()\n"
        f"test_cookie_worked() on this same request → {same_request}",
    )


@require_GET
def test_cookie_worked(request: HttpRequest) -> HttpResponse:
    """Check, on a later request, whether the marker came back."""
    worked = request.session.test_cookie_worked()
    return report(request, f"request.session.test_cookie_worked() → {worked}")


@require_POST
def delete_test_cookie(request: HttpRequest) -> HttpResponse:
    """Remove the test marker, if it is there."""
    if not request.session.test_cookie_worked():
        return report(
            request,
            "No test marker in the session: delete_test_cookie() would raise KeyError",
        )
    request.session.delete_test_cookie()
    return report(request, "request.session.delete_test_cookie()")
