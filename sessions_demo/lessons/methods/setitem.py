"""
Set an item: `request.session[key] = value`.

Assigning stores the value and marks the session modified; nothing is written
yet. When the response goes out, SessionMiddleware sees the flag, saves the
session to the engine and sends the cookie.
"""

from django.http import HttpRequest
from django.views.decorators.http import require_POST

from ..forms import KeyValueForm
from ..tryit import Outcome, form_input


@require_POST
@form_input(KeyValueForm)
def setitem(request: HttpRequest, key: str, value: object) -> Outcome:
    """Store value under key in the visitor's session."""
    request.session[key] = value
    return Outcome(f"request.session[{key!r}] = {value!r}")
