"""
Delete an item: `del request.session[key]`.

It removes one key and marks the session modified. The session itself and
its cookie stay, even when nothing is left in it (under the same key, except
with signed_cookies, whose key is the data): only flush() drops them.
"""

from django.http import HttpRequest
from django.views.decorators.http import require_POST

from ..forms import KeyForm
from ..tryit import Outcome, form_input


@require_POST
@form_input(KeyForm)
def delitem(request: HttpRequest, key: str) -> Outcome:
    """Delete key from the visitor's session."""
    if key not in request.session:
        return Outcome(f"{key!r} is not in the session: del would raise KeyError")
    del request.session[key]
    return Outcome(f"del request.session[{key!r}]")
