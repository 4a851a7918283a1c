"""
The panel's template tags: `{% session_panel %}` on every page, the HTTP
exchange beside it, the round trip of the last request, and the filters that
show session values, durations and moments.

The tags build the snapshot themselves, so no view has to pass one. The panel,
what the engine stored (`{% session_stored %}`), the round trip and this
response's cookie (`{% this_response %}`) are rendered once the session is saved
(late.py), so they show what this very response carries.
"""

import json
from datetime import UTC, datetime
from typing import Any

from django import template
from django.contrib.messages import get_messages
from django.core.serializers.json import DjangoJSONEncoder
from django.middleware.csrf import get_token
from django.utils.html import format_html
from django.utils.safestring import SafeString

from ..lab.engines import engine_name
from . import exchange
from .late import defer
from .round_trip import example, round_trip_of

register = template.Library()

# Messages for the panel itself (its reset button) carry this tag.
PANEL_MESSAGE_TAG = "session-panel"
# A value longer than this is folded, its start shown (a signed cookie: 4 KB).
FOLD_CHARS = 100
MONTHS = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
]


@register.simple_tag(takes_context=True)
def session_panel(context: template.Context) -> SafeString:
    """Render the live panel of the visitor's session, once it is saved."""
    request = context.get("request")
    notices = []
    if request is not None:
        # Now, while the page renders: the messages middleware then knows they
        # were shown, and the CSRF middleware sends the token the reset needs.
        get_token(request)
        notices = [str(m) for m in get_messages(request) if PANEL_MESSAGE_TAG in m.tags]
    return defer(request, "panel/panel.html", {"notices": notices})


@register.simple_tag(takes_context=True)
def session_engine(context: template.Context) -> str:
    """Return the short name of the engine the visitor's session runs on."""
    request = context.get("request")
    return engine_name(request.session) if request is not None else ""


@register.simple_tag(takes_context=True)
def session_stored(context: template.Context) -> SafeString:
    """Render what the engine stored for the visitor, once the session is saved."""
    return defer(context.get("request"), "panel/stored_late.html", {})


@register.simple_tag(takes_context=True)
def round_trip(context: template.Context) -> SafeString:
    """Draw the visitor's last request: cookie, middleware, store, Set-Cookie."""
    return defer(context.get("request"), "panel/round_trip_late.html", {})


@register.simple_tag(takes_context=True)
def this_response(context: template.Context) -> SafeString:
    """Say which session cookie this very response sets, once it is decided."""
    return defer(context.get("request"), "panel/this_response.html", {})


@register.inclusion_tag("panel/round_trip_examples.html")
def round_trip_examples() -> dict[str, Any]:
    """Draw a first visit and a later one, as every session goes."""
    return {"first": example(first_visit=True), "later": example(first_visit=False)}


@register.simple_tag(takes_context=True)
def last_round_trip(context: template.Context) -> Any:
    """Return the round trip to draw: the POST that led here, or this request."""
    request = context.get("request")
    current = context.get("current")
    if request is None or current is None:
        return None
    return round_trip_of(exchange.recent(request), current)


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
    """Spell a number of seconds readably, in its two largest units."""
    seconds = max(0, int(seconds))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        parts = [f"{days} day{'' if days == 1 else 's'}", f"{hours} h" if hours else ""]
    elif hours:
        parts = [f"{hours} h", f"{minutes} min" if minutes else ""]
    elif minutes:
        parts = [f"{minutes} min", f"{secs} s" if secs else ""]
    else:
        parts = [f"{secs} s"]
    return " ".join(filter(None, parts))


@register.filter
def seconds(value: Any, code_class: str = "") -> SafeString:
    """Show a number of seconds with its readable length: "14 days (1209600 s)"."""
    code = (
        format_html('<code class="{}">{}</code>', code_class, value)
        if code_class
        else format_html("<code>{}</code>", value)
    )
    try:
        number = int(str(value))
    except ValueError:
        return code
    if number < 60:
        return format_html("{} s", code)
    return format_html("{} ({} s)", duration(number), code)


@register.filter
def moment(value: datetime | str | None) -> str:
    """Show a moment readably, in UTC: "13 Dec 2026, 11:54:48 UTC"."""
    if not value:
        return ""
    when = datetime.fromisoformat(value) if isinstance(value, str) else value
    if when.utcoffset() is not None:
        when = when.astimezone(UTC)
    month = MONTHS[when.month - 1]
    return f"{when.day} {month} {when.year}, {when:%H:%M:%S} UTC"


@register.filter
def folds(value: Any) -> bool:
    """Tell whether a value is long enough to be shown folded."""
    return len(str(value)) > FOLD_CHARS


@register.filter
def fold_start(value: Any) -> str:
    """Return the start of a folded value, as its summary shows it."""
    return str(value)[: FOLD_CHARS // 2] + "…"
