"""
When a session ends: set_expiry() and the three methods that read it back.

set_expiry() stores its argument under `_session_expiry`: an int slides (it
counts from each save), a timedelta or datetime is a fixed moment, 0 means
"when the browser closes" and None removes the key. The getters compute from
that key and from "now"; Django's docs say they exist for the engines, which
call them at the moment of saving. The panel shows what the store recorded.
"""

import time
from datetime import datetime, timedelta

from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest, HttpResponse
from django.utils.http import http_date
from django.views.decorators.http import require_GET, require_POST

from ..changes import EXPIRY_KEY
from ..forms import SetExpiryForm
from ..tryit import form_input, report

ExpiryValue = int | timedelta | datetime | None


@require_POST
@form_input(SetExpiryForm)
def set_expiry(request: HttpRequest, value: ExpiryValue) -> HttpResponse:
    """Set when the visitor's session expires."""
    request.session.set_expiry(value)
    stored = request.session.get(EXPIRY_KEY)
    return report(
        request,
        f"request.session.set_expiry({value!r})\n"
        f"stored {EXPIRY_KEY}: {stored!r}\n"
        f"cookie sent: {cookie_lifetime(request.session)}",
    )


def cookie_lifetime(session: SessionBase) -> str:
    """Say which Max-Age and Expires SessionMiddleware sends for this session."""
    # The same decision SessionMiddleware.process_response makes.
    if session.get_expire_at_browser_close():
        return "no Max-Age, no Expires (a browser-session cookie)"
    max_age = session.get_expiry_age()
    return f"Max-Age={max_age}; Expires={http_date(time.time() + max_age)}"


@require_GET
def get_expiry_age(request: HttpRequest) -> HttpResponse:
    """Ask how many seconds the session would live if saved now."""
    age = request.session.get_expiry_age()
    return report(request, f"request.session.get_expiry_age() → {age}")


@require_GET
def get_expiry_date(request: HttpRequest) -> HttpResponse:
    """Ask when the session would expire if saved now."""
    moment = request.session.get_expiry_date()
    return report(request, f"request.session.get_expiry_date() → {moment.isoformat()}")


@require_GET
def get_expire_at_browser_close(request: HttpRequest) -> HttpResponse:
    """Ask whether the session cookie ends with the browser."""
    closes = request.session.get_expire_at_browser_close()
    return report(request, f"request.session.get_expire_at_browser_close() → {closes}")
