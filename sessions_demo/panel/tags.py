"""
The panel's template tags: `{% session_panel %}` on every page, the HTTP
exchange beside it, and the filters that show session values and durations.

The tag builds the snapshot itself, so no view has to pass one; a page that
shows part of the snapshot elsewhere (an engine page) asks for it with
`{% session_snapshot as snapshot %}` and gets the same one, read once.
"""

import json
from typing import Any

from django import template
from django.core.serializers.json import DjangoJSONEncoder

from . import exchange
from .snapshot import snapshot

register = template.Library()

SNAPSHOT_KEY = "session_snapshot"


@register.simple_tag(takes_context=True)
def session_snapshot(context: template.Context) -> dict[str, Any]:
    """Return the visitor's session snapshot, built once per rendering."""
    # render_context lives as long as one rendering of the page, base included.
    memo = context.render_context
    if SNAPSHOT_KEY not in memo:
        memo[SNAPSHOT_KEY] = snapshot(context["request"])
    return memo[SNAPSHOT_KEY]


@register.inclusion_tag("panel/panel.html", takes_context=True)
def session_panel(context: template.Context) -> dict[str, Any]:
    """Render the live panel of the visitor's session."""
    return {"snapshot": session_snapshot(context)}


@register.simple_tag(takes_context=True)
def recent_exchanges(context: template.Context) -> list[exchange.Exchange]:
    """Return the visitor's last requests and responses, newest first."""
    request = context.get("request")
    return exchange.recent(request) if request is not None else []


@register.filter
def attribute(cookie: exchange.SetCookie, name: str) -> Any:
    """Return one attribute of a Set-Cookie header ("max-age", "expires"...)."""
    return cookie.attributes.get(name, "")


@register.filter
def as_json(value: Any) -> str:
    """Show a session value as the JSON the serializer would write."""
    try:
        text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    except (RecursionError, TypeError, ValueError) as error:
        # A session holds what its store gave back; the page must still draw.
        return f"<not shown: {type(error).__name__}>"
    return as_text(text)


@register.filter
def as_text(text: Any) -> str:
    """Show a session's text on a UTF-8 page: a lone surrogate as its \\u escape."""
    # Only a JSON escape such as \ud800 puts half a UTF-16 pair in a session; UTF-8
    # cannot carry it, and one such character would make the whole page fail.
    return str(text).encode("utf-8", "backslashreplace").decode("utf-8")


@register.filter
def duration(seconds: int) -> str:
    """Spell a number of seconds as days, hours, minutes and seconds."""
    parts = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        count, seconds = divmod(seconds, size)
        if count or parts:
            parts.append(f"{count}{unit}")
    parts.append(f"{seconds}s")
    return " ".join(parts)
