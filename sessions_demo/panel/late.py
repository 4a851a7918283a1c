"""
The panel, rendered once the response is final.

SessionMiddleware saves the session on the way out, after the view rendered its
page. A panel rendered with the page shows the session before that save: one
request behind with SESSION_SAVE_EVERY_REQUEST, and with signed_cookies a key
the browser no longer holds. So the panel's tags leave a marker in the page,
and `LatePanelMiddleware`, which sits outside the session middleware, renders
them once the session is saved and the response's cookies are set: the panel
shows the key, the expiry and the cookie that this very response carries.

It only looks: the snapshot reads the store without loading the session (see
snapshot.py), so a page whose view never touched `request.session` stays a
request that never touched it, as in stock Django.
"""

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import get_template
from django.utils.cache import patch_vary_headers
from django.utils.safestring import SafeString, mark_safe

from .exchange import exchange_of
from .snapshot import snapshot

ATTRIBUTE = "late_panel_parts"
MARKER = "<!--late-part:{nonce}:{index}-->"


@dataclass
class LateParts:
    """The parts of one page left for after the session is saved."""

    nonce: str  # random per request: the page's own text can never forge a marker
    parts: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    done: bool = False  # the middleware has finished: render at once from now on


class LatePanelMiddleware:
    """Render the panel's parts of a page after SessionMiddleware has saved."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        late = LateParts(secrets.token_hex(8))
        setattr(request, ATTRIBUTE, late)
        response = self.get_response(request)
        late.done = True
        if not late.parts or response.streaming:
            return response
        content = response.content.decode(response.charset)
        markers = [
            MARKER.format(nonce=late.nonce, index=i) for i in range(len(late.parts))
        ]
        if not any(marker in content for marker in markers):
            return response  # not the page that asked (an error page instead)
        context = final_context(request, response)
        for marker, (name, extra) in zip(markers, late.parts, strict=True):
            html = get_template(name).render({**context, **extra}, request)
            content = content.replace(marker, html, 1)
        response.content = content.encode(response.charset)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        # The page now shows the session: it depends on the Cookie header.
        patch_vary_headers(response, ("Cookie",))
        return response


def defer(request: HttpRequest | None, name: str, extra: dict[str, Any]) -> SafeString:
    """Render a template after the session is saved, or now when that cannot be."""
    late = getattr(request, ATTRIBUTE, None)
    if late is None or late.done:
        # Rendered outside the middleware (a test's RequestFactory, an error page
        # rendered after it): the session is as final as it will get here.
        context = final_context(request, None) if request is not None else {}
        return mark_safe(get_template(name).render({**context, **extra}, request))
    late.parts.append((name, extra))
    return mark_safe(MARKER.format(nonce=late.nonce, index=len(late.parts) - 1))


def final_context(request: HttpRequest, response: HttpResponse | None) -> dict:
    """Return what the late parts show: the snapshot and this response's cookies."""
    return {
        "snapshot": snapshot(request),
        # This very request, described as the HTTP exchange will record it.
        "current": exchange_of(request, response) if response is not None else None,
    }
