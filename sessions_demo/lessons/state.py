"""
What state a session is in: empty or not, modified or not.

A session is empty when it has neither a key nor data; since Django 6.1
`bool(session)` says the same thing. `modified` is the flag that makes
SessionMiddleware save: assignments set it, but changing a list or dict stored
inside the session does not, so such a change is lost unless you set it.
"""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET, require_POST

from ..forms import CartItemForm
from ..tryit import form_input, report

CART_KEY = "cart"
CART_LIMIT = 10  # keeps the session (and a signed cookie) small


@require_GET
def is_empty(request: HttpRequest) -> HttpResponse:
    """Ask whether the session is empty, and what bool() says."""
    empty = request.session.is_empty()
    truthy = bool(request.session)
    return report(
        request,
        f"request.session.is_empty() → {empty}\nbool(request.session) → {truthy}",
    )


@require_POST
@form_input(CartItemForm)
def modified(request: HttpRequest, item: str, mark_modified: bool) -> HttpResponse:
    """Append to a list inside the session, and maybe set modified."""
    cart = request.session.get(CART_KEY)
    if not isinstance(cart, dict) or not isinstance(cart.get("items"), list):
        request.session[CART_KEY] = {"items": [item]}  # an assignment: saved
        return report(
            request, f"request.session[{CART_KEY!r}] = {{'items': [{item!r}]}}"
        )
    if len(cart["items"]) >= CART_LIMIT:
        return report(request, f"The cart already holds {CART_LIMIT} items.")
    cart["items"].append(item)  # a change inside: the session does not notice
    before = request.session.modified
    if mark_modified:
        request.session.modified = True
    return report(
        request,
        f"request.session[{CART_KEY!r}]['items'].append({item!r})\n"
        f"request.session.modified → {before}"
        + ("\nrequest.session.modified = True" if mark_modified else ""),
    )
