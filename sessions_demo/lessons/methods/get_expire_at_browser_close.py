"""
Browser session? `request.session.get_expire_at_browser_close()`.

Whether the session cookie ends when the browser closes: set_expiry(0) says
yes, any other custom expiry says no, and without one (or after
set_expiry(None)) the setting SESSION_EXPIRE_AT_BROWSER_CLOSE decides.
"""

from django.http import HttpRequest
from django.views.decorators.http import require_GET

from ..tryit import Outcome


@require_GET
def get_expire_at_browser_close(request: HttpRequest) -> Outcome:
    """Ask whether the session cookie ends with the browser."""
    closes = request.session.get_expire_at_browser_close()
    return Outcome(f"request.session.get_expire_at_browser_close() → {closes}")
