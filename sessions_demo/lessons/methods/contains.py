"""
Check for a key: `key in request.session`.

It asks whether the key is there without reading its value; like every read,
it loads the session, and changes nothing unless the store forgot it.
"""

from django.http import HttpRequest
from django.views.decorators.http import require_GET

from ..forms import KeyForm
from ..tryit import Outcome, form_input


@require_GET
@form_input(KeyForm)
def contains(request: HttpRequest, key: str) -> Outcome:
    """Check whether key is in the visitor's session."""
    found = key in request.session
    return Outcome(f"{key!r} in request.session → {found}")
