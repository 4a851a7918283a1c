"""The visitor's HTTP exchange record, for the template beside the panel."""

from typing import Any

from django import template

from .. import exchange

register = template.Library()


@register.simple_tag(takes_context=True)
def recent_exchanges(context: template.Context) -> list[exchange.Exchange]:
    """Return the visitor's last requests and responses, newest first."""
    request = context.get("request")
    return exchange.recent(request) if request is not None else []


@register.filter
def attribute(cookie: exchange.SetCookie, name: str) -> Any:
    """Return one attribute of a Set-Cookie header ("max-age", "expires"...)."""
    return cookie.attributes.get(name, "")
