"""
The four basic moves of the guide's §2: set, get, delete, check.

`request.session` behaves like a dictionary. Reading it loads the data from
the engine once per request; writing marks it modified, and Django's
SessionMiddleware saves it and sends the cookie when the response goes out.
"""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET, require_POST

from ..forms import KeyDefaultForm, KeyForm, KeyValueForm
from ..tryit import form_input, report


@require_POST
@form_input(KeyValueForm)
def setitem(request: HttpRequest, key: str, value: object) -> HttpResponse:
    """Store value under key in the visitor's session."""
    request.session[key] = value
    return report(request, f"request.session[{key!r}] = {value!r}")


@require_GET
@form_input(KeyDefaultForm)
def get(request: HttpRequest, key: str, default: object) -> HttpResponse:
    """Read key, falling back to default when it is missing."""
    value = request.session.get(key, default)
    return report(request, f"request.session.get({key!r}, {default!r}) → {value!r}")


@require_GET
@form_input(KeyForm)
def getitem(request: HttpRequest, key: str) -> HttpResponse:
    """Read key, which must be there."""
    try:
        value = request.session[key]
    except KeyError:
        return report(request, f"request.session[{key!r}] → KeyError: {key!r}")
    return report(request, f"request.session[{key!r}] → {value!r}")


@require_POST
@form_input(KeyForm)
def delitem(request: HttpRequest, key: str) -> HttpResponse:
    """Delete key from the visitor's session."""
    if key not in request.session:
        return report(
            request, f"{key!r} is not in the session: del would raise KeyError"
        )
    del request.session[key]
    return report(request, f"del request.session[{key!r}]")


@require_GET
@form_input(KeyForm)
def contains(request: HttpRequest, key: str) -> HttpResponse:
    """Check whether key is in the visitor's session."""
    found = key in request.session
    return report(request, f"{key!r} in request.session → {found}")
