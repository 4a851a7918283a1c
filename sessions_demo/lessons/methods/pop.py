"""
Take a value out: `request.session.pop(key[, default])`.

It removes the key and returns its value, and marks the session modified if
the key was there.
With a default it never raises; without one, a missing key raises KeyError.
"""

from django.http import HttpRequest
from django.views.decorators.http import require_POST

from ..forms import PopForm
from ..tryit import Outcome, form_input


@require_POST
@form_input(PopForm)
def pop(request: HttpRequest, key: str, with_default: bool, default: object) -> Outcome:
    """Remove key and return its value, with or without a default."""
    if with_default:
        value = request.session.pop(key, default)
        return Outcome(f"request.session.pop({key!r}, {default!r}) → {value!r}")
    try:
        value = request.session.pop(key)
    except KeyError:
        return Outcome(f"request.session.pop({key!r}) → KeyError: {key!r}")
    return Outcome(f"request.session.pop({key!r}) → {value!r}")
