"""
Choose the end: `request.session.set_expiry(value)`.

set_expiry() stores its argument under `_session_expiry`: an int slides (it
counts from each save), a timedelta or datetime is a fixed moment, 0 means
"when the browser closes" and None removes the key (a change only if there was
one). SessionMiddleware turns it into the cookie's Max-Age and Expires when it
saves; on the server, file never ends an int and signed_cookies only enforce
SESSION_COOKIE_AGE.
"""

from datetime import datetime, timedelta

from django.http import HttpRequest
from django.views.decorators.http import require_POST

from ...lab.engines import EXPIRY_KEY
from ...lab.session_cookie import cookie_lifetime
from ..forms import SetExpiryForm
from ..tryit import Outcome, form_input

ExpiryValue = int | timedelta | datetime | None


@require_POST
@form_input(SetExpiryForm)
def set_expiry(request: HttpRequest, value: ExpiryValue) -> Outcome:
    """Set when the visitor's session expires."""
    request.session.set_expiry(value)
    stored = request.session.get(EXPIRY_KEY)
    max_age, expires = cookie_lifetime(request.session)
    sent = "no Max-Age, no Expires (a browser-session cookie)"
    if max_age is not None:
        sent = f"Max-Age={max_age}; Expires={expires}"
    return Outcome(
        f"request.session.set_expiry({value!r})\n"
        f"stored {EXPIRY_KEY}: {stored!r}\n"
        f"cookie to send: {sent}"
    )
