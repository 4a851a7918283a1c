"""
The live panel as data: `/panel/` (JSON) and `/panel/stored/` (the "stored by"
part as HTML), which the panel's script reads to stay live. Both only observe:
they never save the session, move its expiry or set a cookie.

One button on the panel does change something: "Reset my session" POSTs to
`/panel/reset/`, which flushes the session, as logout() does, and goes back.
"""

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from ..lab.middleware import observer
from ..lab.state import profile_of
from .snapshot import snapshot
from .stored import stored
from .tags import PANEL_MESSAGE_TAG

RESET_DONE = (
    "Your session was reset: flush() deleted it from the store and told your "
    "browser to drop its cookie. The next change starts a new session, with a "
    "new key. Your lab settings are unchanged."
)


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


@require_POST
def reset_session(request: HttpRequest) -> HttpResponse:
    """Flush the visitor's session, then go back to the page they were on."""
    request.session.flush()
    messages.info(request, RESET_DONE, extra_tags=PANEL_MESSAGE_TAG)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("index")
    return redirect(f"{target.partition('#')[0]}#session-panel")
