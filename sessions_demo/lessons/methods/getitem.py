"""
Read strictly: `request.session[key]`.

For a value that must be there: a missing key raises KeyError, which a view
that does not catch it turns into a 500.
"""

from django.http import HttpRequest
from django.views.decorators.http import require_GET

from ..forms import KeyForm
from ..tryit import Outcome, form_input


@require_GET
@form_input(KeyForm)
def getitem(request: HttpRequest, key: str) -> Outcome:
    """Read key, which must be there."""
    try:
        value = request.session[key]
    except KeyError:
        return Outcome(f"request.session[{key!r}] → KeyError: {key!r}")
    return Outcome(f"request.session[{key!r}] → {value!r}")
