"""
The live panel as data: `/panel/` (JSON) and `/panel/stored/` (the "stored by"
part as HTML), which the panel's script reads to stay live. Both only observe:
they never save the session, move its expiry or set a cookie.
"""

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..lab.middleware import observer
from ..lab.state import profile_of
from .snapshot import snapshot
from .stored import stored


@observer
@require_GET
def panel_json(request: HttpRequest) -> JsonResponse:
    """Return the live panel's snapshot as JSON, without touching the session."""
    return JsonResponse(snapshot(request), encoder=DjangoJSONEncoder)


@observer
@require_GET
def panel_stored(request: HttpRequest) -> HttpResponse:
    """Return the panel's "stored by" part as HTML, for its script to swap in."""
    # One template renders what each engine stored, on the page and here; the
    # panel's script reads the rest of the panel from /panel/'s JSON.
    storage = stored(request.session, profile_of(request).cookie_name)
    return render(request, "panel/stored.html", {"storage": storage})
