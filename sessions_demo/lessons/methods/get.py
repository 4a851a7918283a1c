"""
Read safely: `request.session.get(key, default)`.

Like a dictionary's get(), it returns the default instead of raising when the
key is missing. Reading loads the session and marks it accessed, so the
response varies on Cookie, but nothing is saved (for a session the store still
has: a stale cookie is deleted, or replaced by a new session's).
"""

from django.http import HttpRequest
from django.views.decorators.http import require_GET

from ..forms import KeyDefaultForm
from ..tryit import Outcome, form_input


@require_GET
@form_input(KeyDefaultForm)
def get(request: HttpRequest, key: str, default: object) -> Outcome:
    """Read key, falling back to default when it is missing."""
    value = request.session.get(key, default)
    return Outcome(f"request.session.get({key!r}, {default!r}) → {value!r}")
