"""
A snapshot of the visitor's session: the one source of the live panel on every
page, of `/panel/` and of the debug toolbar's Session panel.

It reads the store once and never writes. When the view loaded the session,
the snapshot shows it as the view (and the save after it) left it; otherwise,
for an observer (`/panel/`, which the panel's script polls) as for a page whose
view never touched the session, it does not load it at all: its data comes
from the same single read that shows what the engine stored. Loading it would
make the request one that read its session, which it was not.
"""

from datetime import datetime
from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest
from django.utils import timezone

from ..lab.engines import EXPIRY_KEY, engine_name
from ..lab.state import profile_of
from .stored import stored


def snapshot(request: HttpRequest) -> dict[str, Any]:
    """Describe the visitor's session as it stands, without changing it."""
    session = request.session
    profile = profile_of(request)
    storage = stored(session, profile.cookie_name)
    loaded = storage.pop("loaded")  # what load() would give: an observer shows it
    lab = getattr(request, "lab", None)
    if (lab is not None and lab.observer) or not _loaded(session):
        data, key = loaded or {}, session.session_key if loaded is not None else None
        # What is shown depends on the cookie, as if the session had been read.
        session.accessed = True
    else:
        data, key = dict(session.items()), session.session_key
    expiry = data.get(EXPIRY_KEY)
    # The store's own record wins: get_expiry_date() counts from "now", which
    # is only true at the moment the session is saved.
    expiry_date = storage["expire_date"] or session.get_expiry_date(expiry=expiry)
    return {
        "engine": engine_name(session),
        "cookie_name": profile.cookie_name,
        "cookie_sent": profile.cookie_name in request.COOKIES,
        "session_key": key,
        "data": data,
        "internal_keys": sorted(name for name in data if name.startswith("_")),
        "expiry_age": _seconds_until(expiry_date),
        "expiry_date": expiry_date.isoformat(),
        # SessionBase.get_expire_at_browser_close(), on the data shown.
        "expire_at_browser_close": (
            profile.expire_at_browser_close if expiry is None else expiry == 0
        ),
        "storage": storage,
    }


def _loaded(session: SessionBase) -> bool:
    # SessionBase keeps what load() gave in _session_cache, set on first use;
    # Django's own is_empty() asks the same way.
    return hasattr(session, "_session_cache")


def _seconds_until(moment: datetime) -> int:
    return max(0, int((moment - timezone.now()).total_seconds()))
