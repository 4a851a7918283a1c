"""
The five engines: where Django keeps a session, and what that costs.

All five expose the same `SessionStore` API, so a view never knows which one
runs. They differ in where the data lives (a table, a cache, both, a file, the
cookie itself), in what a request costs, and in what can go wrong: a full
cache forgets, a file folder fills up, a cookie cannot be taken back.
"""

import secrets

from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from ..forms import GrowForm, KeyValueForm
from ..lab.profile import profile_of
from ..storage import COOKIE_LIMIT, signed_cookie_size
from ..tryit import form_input, refuse, report

PADDING = "padding"


@require_POST
@form_input(KeyValueForm)
def store(request: HttpRequest, key: str, value: object) -> HttpResponse:
    """Store value under key; the engine writes it as the response goes out."""
    request.session[key] = value
    return report(request, f"request.session[{key!r}] = {value!r}")


@require_POST
def evict(request: HttpRequest) -> HttpResponse:
    """Delete the session's cache entry, as a full cache would."""
    session = request.session
    if not (session.session_key and hasattr(session, "cache_key_prefix")):
        return report(request, "Your session has no cache entry: nothing to evict.")
    alias = profile_of(request).cache_alias
    cache_key = session.cache_key_prefix + session.session_key
    caches[alias].delete(cache_key)
    return report(request, f"caches[{alias!r}].delete({cache_key!r})")


@require_POST
@form_input(GrowForm)
def grow(request: HttpRequest, characters: int) -> HttpResponse:
    """Add random characters, as long as a signed cookie could still carry them."""
    padding = (
        request.session.get(PADDING, "")
        + secrets.token_urlsafe(characters)[:characters]
    )
    grown = {**dict(request.session.items()), PADDING: padding}
    size = signed_cookie_size(request.session, grown, profile_of(request).cookie_name)
    if size > COOKIE_LIMIT:
        return refuse(
            request,
            f"Refused: as a signed cookie this session would take "
            f"{size} bytes, over the {COOKIE_LIMIT} bytes browsers keep.",
        )
    request.session[PADDING] = padding
    return report(
        request,
        f"{PADDING!r} is {len(padding)} characters: the signed "
        f"cookie takes {size} of {COOKIE_LIMIT} bytes",
    )
