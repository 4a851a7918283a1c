"""The lab's template tags: the engine switcher in the header of every page."""

from typing import Any

from django import template

from .engines import ENGINES, short_name
from .state import profile_of

register = template.Library()


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
