"""
How sessions work: the cookie holds a key, the data lives on the server.

The first time a view stores something, Django creates a session: a random key
sent to the browser in a cookie, and the data kept by the engine under that
key. On every later request the browser sends the cookie back, and Django
loads the data again the first time the view touches `request.session`.
"""

from django.http import HttpRequest
from django.views.decorators.http import require_POST

from ..tryit import Outcome

VISITS = "visits"


@require_POST
def count_visit(request: HttpRequest) -> Outcome:
    """Count how many times this visitor pressed the button."""
    visits = request.session.get(VISITS, 0)
    if not isinstance(visits, int):  # a session holds whatever was stored in it
        visits = 0
    request.session[VISITS] = visits + 1
    return Outcome(f"request.session[{VISITS!r}] → {request.session[VISITS]}")
