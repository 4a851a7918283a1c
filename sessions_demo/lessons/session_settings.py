"""
The guide's §4: session settings, seen in the visitor's own responses.

Most settings act when the session is saved: SessionMiddleware writes the
store and sends the cookie with the attributes the settings give it. Reading
changes nothing, so these views give the middleware something to save, and the
setting page shows what came back.
"""

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from ..tryit import report

SAVES_KEY = "saves"


@require_POST
def save_session(request: HttpRequest) -> HttpResponse:
    """Change the session, so that the response saves it and sends its cookie."""
    request.session[SAVES_KEY] = request.session.get(SAVES_KEY, 0) + 1
    return report(
        request, f"request.session[{SAVES_KEY!r}] = {request.session[SAVES_KEY]}"
    )


@require_POST
def encode_datetime(request: HttpRequest) -> HttpResponse:
    """Write a datetime with the serializer in force, and read it back."""
    now = timezone.now()
    serializer = request.session.serializer()
    name = type(serializer).__name__
    try:
        written = serializer.dumps({"when": now})
    except TypeError as error:
        return report(request, f"{name} refused it: {error}")
    # The whole way a session goes: serialize, sign, store; then back.
    back = request.session.decode(request.session.encode({"when": now}))["when"]
    return report(
        request,
        f"{name} wrote {written.decode()}\n"
        f"read back through the session: {back!r}\n"
        f"the same value: {back == now}",
    )
