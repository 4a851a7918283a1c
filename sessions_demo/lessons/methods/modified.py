"""
Changes inside values: `request.session.modified`.

`modified` is the flag that makes SessionMiddleware save. Assignments set it,
but changing a list or dict stored inside the session does not, so such a
change is lost unless the view sets the flag itself.
"""

from django.http import HttpRequest
from django.views.decorators.http import require_POST

from ..forms import CartItemForm
from ..tryit import Outcome, form_input

CART_KEY = "cart"
CART_LIMIT = 10  # keeps the session (and a signed cookie) small


@require_POST
@form_input(CartItemForm)
def modified(request: HttpRequest, item: str, mark_modified: bool) -> Outcome:
    """Append to a list inside the session, and maybe set modified."""
    cart = request.session.get(CART_KEY)
    if not isinstance(cart, dict) or not isinstance(cart.get("items"), list):
        request.session[CART_KEY] = {"items": [item]}  # an assignment: saved
        return Outcome(f"request.session[{CART_KEY!r}] = {{'items': [{item!r}]}}")
    if len(cart["items"]) >= CART_LIMIT:
        return Outcome(f"The cart already holds {CART_LIMIT} items.")
    cart["items"].append(item)  # a change inside: the session does not notice
    before = request.session.modified
    if mark_modified:
        request.session.modified = True
    return Outcome(
        f"request.session[{CART_KEY!r}]['items'].append({item!r})\n"
        f"request.session.modified → {before}"
        + ("\nrequest.session.modified = True" if mark_modified else "")
    )
