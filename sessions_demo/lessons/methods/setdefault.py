"""
Store unless present: `request.session.setdefault(key, value)`.

Like a dictionary's setdefault(): it stores the value only when the key is
missing, and returns what the session holds under the key either way. When
the key is already there, nothing changes and nothing is saved.
"""

from django.http import HttpRequest
from django.views.decorators.http import require_POST

from ..forms import KeyValueForm
from ..tryit import Outcome, form_input


@require_POST
@form_input(KeyValueForm)
def setdefault(request: HttpRequest, key: str, value: object) -> Outcome:
    """Store value under key only if key is missing; return what is stored."""
    stored = request.session.setdefault(key, value)
    return Outcome(f"request.session.setdefault({key!r}, {value!r}) → {stored!r}")
