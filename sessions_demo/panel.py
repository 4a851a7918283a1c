"""
A snapshot of the visitor's session: the one source of the live panel on every
page, of `/panel/` and of the debug toolbar's Session panel.

It reads the session and its store; it never writes. Reading marks the session
as accessed (so the response varies on Cookie), which is the truth: a page that
shows the session depends on the cookie.
"""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from . import storage
from .engines import engine_name
from .lab.profile import profile_of


def snapshot(request: HttpRequest) -> dict[str, Any]:
    """Describe the visitor's session as it stands, without changing it."""
    session = request.session
    data = dict(session.items())
    cookie_name = profile_of(request).cookie_name
    expiry_date = _expiry_date(session)
    return {
        "engine": engine_name(session),
        "cookie_name": cookie_name,
        "cookie_sent": cookie_name in request.COOKIES,
        "session_key": session.session_key,
        "data": data,
        "internal_keys": sorted(key for key in data if key.startswith("_")),
        "expiry_age": _seconds_until(expiry_date),
        "expiry_date": expiry_date.isoformat(),
        "expire_at_browser_close": session.get_expire_at_browser_close(),
        "storage": storage.stored(session, cookie_name),
    }


def _expiry_date(session) -> datetime:
    # The store's own record wins: get_expiry_date() counts from "now", which
    # is only true at the moment the session is saved.
    return storage.stored_expiry(session) or session.get_expiry_date()


def _seconds_until(moment: datetime) -> int:
    return max(0, int((moment - timezone.now()).total_seconds()))
