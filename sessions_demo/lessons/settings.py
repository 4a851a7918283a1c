"""
The guide's §4: session settings, seen in the visitor's own responses.

Most settings act when the session is saved: SessionMiddleware writes the
store and sends the cookie with the attributes the settings give it. Reading
changes nothing, so the setting pages share one try-it that gives the
middleware something to save, and each page shows what came back. The
serializer's page writes a datetime instead, to see who refuses it.
"""

from django.http import HttpRequest
from django.utils import timezone
from django.views.decorators.http import require_POST

from .tryit import Outcome

SAVES_KEY = "saves"


@require_POST
def save_session(request: HttpRequest) -> Outcome:
    """Change the session, so that the response saves it and sends its cookie."""
    saves = request.session.get(SAVES_KEY, 0)
    if not isinstance(saves, int):  # a session holds whatever was stored in it
        saves = 0
    request.session[SAVES_KEY] = saves + 1
    return Outcome(f"request.session[{SAVES_KEY!r}] = {request.session[SAVES_KEY]}")


@require_POST
def encode_datetime(request: HttpRequest) -> Outcome:
    """Write a datetime with the serializer in force, and read it back."""
    now = timezone.now()
    serializer = request.session.serializer()
    name = type(serializer).__name__
    try:
        written = serializer.dumps({"when": now})
    except TypeError as error:
        return Outcome(f"{name} refused it: {error}")
    # The whole way a session goes: serialize, sign, store; then back.
    back = request.session.decode(request.session.encode({"when": now}))["when"]
    return Outcome(
        f"{name} wrote {written.decode()}\n"
        f"read back through the session: {back!r}\n"
        f"the same value: {back == now}"
    )
