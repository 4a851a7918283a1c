"""
Changing several things at once: clear(), setdefault(), pop(), update().

Each works like its dictionary namesake and marks the session modified when it
changes something, so SessionMiddleware saves it and sends the cookie again.
clear() empties the data but keeps the session key; only flush() drops both.
"""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from ..forms import KeyValueForm, PopForm, UpdateForm
from ..tryit import form_input, report


@require_POST
def clear(request: HttpRequest) -> HttpResponse:
    """Remove every key; keep the session key and the cookie."""
    request.session.clear()
    return report(request, "request.session.clear()")


@require_POST
@form_input(KeyValueForm)
def setdefault(request: HttpRequest, key: str, value: object) -> HttpResponse:
    """Store value under key only if key is missing; return what is stored."""
    stored = request.session.setdefault(key, value)
    return report(
        request, f"request.session.setdefault({key!r}, {value!r}) → {stored!r}"
    )


@require_POST
@form_input(PopForm)
def pop(
    request: HttpRequest, key: str, with_default: bool, default: object
) -> HttpResponse:
    """Remove key and return its value, with or without a default."""
    if with_default:
        value = request.session.pop(key, default)
        return report(request, f"request.session.pop({key!r}, {default!r}) → {value!r}")
    try:
        value = request.session.pop(key)
    except KeyError:
        return report(request, f"request.session.pop({key!r}) → KeyError: {key!r}")
    return report(request, f"request.session.pop({key!r}) → {value!r}")


@require_POST
@form_input(UpdateForm)
def update(request: HttpRequest, values: dict[str, object]) -> HttpResponse:
    """Store every pair of values at once."""
    request.session.update(values)
    return report(request, f"request.session.update({values!r})")
