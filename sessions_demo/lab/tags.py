"""The lab's template tags: the engine switcher in the header of every page,
and the cache the visitor's engine keeps sessions in."""

from typing import Any

from django import template
from django.core.cache import caches

from .engines import ENGINES, short_name
from .state import profile_of

register = template.Library()

# The engines that keep a session in a cache (cached_db besides its row).
CACHE_KEEPING = ("cache", "cached_db")


@register.inclusion_tag("lab/switcher.html", takes_context=True)
def lab_switcher(context: template.Context) -> dict[str, Any]:
    """Render the compact engine switcher, posting back to the current page."""
    request = context.get("request")
    if request is None:  # a page rendered without a request has no visitor
        return {"engines": ()}
    return {
        "engines": ENGINES,
        "current": short_name(profile_of(request).engine),
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
        "messages": context.get("messages", []),
    }


@register.simple_tag(takes_context=True)
def session_cache(context: template.Context) -> dict[str, str] | None:
    """Return the alias and class of the cache the visitor's engine uses, if any."""
    # Read from the lab's profile: asking the session would make the page one
    # that depends on the session cookie, which it does not.
    profile = profile_of(context["request"])
    if short_name(profile.engine) not in CACHE_KEEPING:
        return None
    backend = type(caches[profile.cache_alias])
    return {
        "alias": profile.cache_alias,
        "backend": f"{backend.__module__}.{backend.__qualname__}",
    }
