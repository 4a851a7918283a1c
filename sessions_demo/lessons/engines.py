"""
The five engines: where Django keeps a session, and what that costs.

All five expose the same `SessionStore` API, so a view never knows which one
runs. They differ in where the data lives (a table, a cache, both, a file, the
cookie itself), in what a request costs, and in what can go wrong: a full
cache forgets, a file folder fills up, a cookie cannot be taken back. The
engine pages share their try-its: store a value, evict the cache entry, ask
a second process for it (as another worker would), and grow a signed cookie
towards the browser's limit.
"""

import secrets

from django.core.cache import caches
from django.http import HttpRequest
from django.views.decorators.http import require_POST

from ..lab.state import profile_of
from ..panel.stored import COOKIE_LIMIT, signed_cookie_size
from . import another_worker
from .forms import GrowForm, KeyValueForm
from .tryit import Outcome, form_input, one_at_a_time

PADDING = "padding"


@require_POST
@form_input(KeyValueForm)
def store(request: HttpRequest, key: str, value: object) -> Outcome:
    """Store value under key; the engine writes it as the response goes out."""
    request.session[key] = value
    return Outcome(f"request.session[{key!r}] = {value!r}")


@require_POST
def evict(request: HttpRequest) -> Outcome:
    """Delete the session's cache entry, as a full cache would."""
    session = request.session
    if not (session.session_key and hasattr(session, "cache_key_prefix")):
        return Outcome("Your session has no cache entry: nothing to evict.")
    alias = profile_of(request).cache_alias
    cache_key = session.cache_key_prefix + session.session_key
    caches[alias].delete(cache_key)
    return Outcome(f"caches[{alias!r}].delete({cache_key!r})")


@require_POST
@one_at_a_time(seconds=2)
def ask_another_worker(request: HttpRequest) -> Outcome:
    """Read the session's cache entry here, then in a second process."""
    session = request.session
    if not (session.session_key and hasattr(session, "cache_key")):
        return Outcome("Your session has no cache entry: nothing to ask about.")
    alias = profile_of(request).cache_alias
    here = caches[alias].get(session.cache_key)
    there = another_worker.read_cache(alias, session.cache_key)
    return Outcome(
        f"this process: caches[{alias!r}].get(...) → {here!r}\n"
        f"another process: caches[{alias!r}].get(...) → {there!r}"
    )


@require_POST
@form_input(GrowForm)
def grow(request: HttpRequest, characters: int) -> Outcome:
    """Add random characters, as long as a signed cookie could still carry them."""
    padding = (
        request.session.get(PADDING, "")
        + secrets.token_urlsafe(characters)[:characters]
    )
    grown = {**dict(request.session.items()), PADDING: padding}
    size = signed_cookie_size(request.session, grown, profile_of(request).cookie_name)
    if size > COOKIE_LIMIT:
        return Outcome(
            f"Refused: as a signed cookie this session would take "
            f"{size} bytes, over the {COOKIE_LIMIT} bytes browsers keep.",
            refused=True,
        )
    request.session[PADDING] = padding
    return Outcome(
        f"{PADDING!r} is {len(padding)} characters: the signed "
        f"cookie takes {size} of {COOKIE_LIMIT} bytes"
    )
