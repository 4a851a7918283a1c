"""
The guide's §4: session settings, seen in the visitor's own responses.

Most settings act when the session is saved: SessionMiddleware writes the
store and sends the cookie with the attributes the settings give it. A read
of a session the store still has saves nothing, so the setting pages share
one try-it that gives the middleware something to save, and each page shows
what came back. The serializer's page saves a datetime in a throwaway session
of the visitor's engine instead, to see who refuses it.
"""

from django.http import HttpRequest
from django.utils import timezone
from django.views.decorators.http import require_POST

from ..lab.engines import engine_name
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
    """Save a datetime in a throwaway session of the visitor's engine; load it."""
    store = type(request.session)  # the visitor's engine, with their serializer
    scratch = store()
    scratch["when"] = now = timezone.now()
    used = f"{engine_name(scratch)} with {scratch.serializer.__name__}"
    try:
        scratch.save()  # where the engine calls the serializer, if it does
        back = store(scratch.session_key).load().get("when")
    except TypeError as error:  # the serializer refused the value
        return Outcome(f"{used}: save() refused it: {error}")
    finally:
        scratch.delete()  # leave nothing behind
    return Outcome(
        f"{used}: saved\nload() gave back {back!r}\nthe same value: {back == now}"
    )
