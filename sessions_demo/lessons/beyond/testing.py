"""
Testing code that uses sessions: what a test's `client.session` really is.

Django's test client builds a new SessionStore each time a test reads
`client.session`, from the key in the client's cookie. A change to that
object is lost unless the test keeps the object, changes it and calls
`save()`; with signed_cookies the test must also hand the new cookie to the
client. This page's try-it does the same on your own session.
"""

from django.http import HttpRequest
from django.views.decorators.http import require_POST

from ..forms import TestClientForm
from ..methods.replay import short
from ..tryit import Outcome, form_input

SEEN_KEY = "seen_by_a_test"


@require_POST
@form_input(TestClientForm)
def client_session(request: HttpRequest, save: bool) -> Outcome:
    """Do what a test's client.session does: a new store for the cookie's key."""
    key = request.session.session_key
    if key is None:
        return Outcome("You have no session yet: store something first.")
    session = type(request.session)(key)  # what client.session returns
    session[SEEN_KEY] = True
    if save:
        session.save()
    return Outcome(
        f"session = SessionStore({short(key)}); session[{SEEN_KEY!r}] = True"
        + (f"; session.save(): key now {short(session.session_key)}" if save else "")
    )
