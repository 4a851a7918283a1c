"""
The setting pages (guide §4): one per SESSION_* setting, each showing the
value in force for the visitor, a control that changes it in the lab, and what
it did to the visitor's own responses, read from the HTTP exchange record.

A setting acts when Django answers: on the Set-Cookie header, on the store.
So every page leads to the same evidence, the last Set-Cookie of the session
cookie, plus what the setting changes elsewhere (a cache, a folder).
"""

import os
import tempfile
from typing import Any

from django.core.cache import caches
from django.http import HttpRequest

from ..lab.engines import engine_name
from ..lab.profile import cache_alias_choices
from ..lab.settings_form import SettingsForm, setting_row
from ..lab.state import profile_of
from ..panel import exchange

# Changing one of these moves the session out of reach of its cookie: the
# control offers to carry the data over, as the lab's engine switcher does.
RELOCATING = {"engine", "cookie_name", "cache_alias", "file_path"}
# The attributes of a Set-Cookie header, as a Morsel names them and as HTTP spells them.
ATTRIBUTE_LABELS = (
    ("max-age", "Max-Age"),
    ("expires", "Expires"),
    ("domain", "Domain"),
    ("path", "Path"),
    ("secure", "Secure"),
    ("httponly", "HttpOnly"),
    ("samesite", "SameSite"),
)


def setting_context(request: HttpRequest, field: str) -> dict[str, Any]:
    """Gather what a setting page shows: values, control, and their effect."""
    visitor = profile_of(request)
    form = SettingsForm(visitor=visitor, host="", auto_id="control-%s")
    recent = exchange.recent(request)
    session_cookies = [
        (e, e.session_set_cookie) for e in recent if e.session_set_cookie
    ]
    return {
        "row": setting_row(visitor, field),
        "field": form[field],
        "carry": field in RELOCATING,
        "exchanges": recent,
        "latest": recent[0] if recent else None,
        "session_cookies": session_cookies,
        "last": session_cookies[0] if session_cookies else None,
        "engine": engine_name(request.session),
        "attribute_labels": ATTRIBUTE_LABELS,
        **EXTRAS.get(field, _nothing)(request),
    }


def cache_holders(request: HttpRequest) -> dict[str, Any]:
    """Say which configured cache holds the visitor's session, if any."""
    session = request.session
    prefix = getattr(session, "cache_key_prefix", None)
    key = session.session_key
    cache_key = prefix + key if prefix and key else None
    holders = [
        (alias, cache_key is not None and caches[alias].has_key(cache_key))
        for alias in cache_alias_choices()
    ]
    return {"cache_key": cache_key, "cache_holders": holders}


def session_files(request: HttpRequest) -> dict[str, Any]:
    """List the file engine's folder: the visitor's own file, and a count of others."""
    profile = profile_of(request)
    # None means the system's temporary folder, as in the file engine.
    folder = str(profile.file_path or tempfile.gettempdir())
    prefix = profile.cookie_name  # the file engine names files prefix + key
    listing = os.listdir(folder) if os.path.isdir(folder) else []
    names = [name for name in listing if name.startswith(prefix)]
    key = request.session.session_key
    own = prefix + key if key and prefix + key in names else None
    return {
        "folder": folder,
        "your_file": own,
        "your_file_size": os.path.getsize(os.path.join(folder, own)) if own else None,
        # Other visitors' file names are their session keys: count, never show.
        "other_files": len(names) - (1 if own else 0),
    }


def cookie_script_data(request: HttpRequest) -> dict[str, Any]:
    """Tell the page's script the session cookie's name, and whether it came."""
    name = profile_of(request).cookie_name
    return {"script_data": {"cookie_name": name, "sent": name in request.COOKIES}}


def _nothing(request: HttpRequest) -> dict[str, Any]:
    return {}


EXTRAS = {
    "cache_alias": cache_holders,
    "file_path": session_files,
    "cookie_httponly": cookie_script_data,
}
