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
from dataclasses import dataclass
from typing import Any

from django.conf import global_settings, settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from . import exchange, pages, views
from .engines import engine_name
from .lab.profile import Profile, as_text, profile_of, setting_name
from .lab.views import BOOLEAN_CHOICES, CHOICE_FIELDS

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


@dataclass(frozen=True)
class SettingFacts:
    """One setting's values: Django's, the project's, the visitor's."""

    name: str  # the Profile field, e.g. cookie_age
    django_default: str  # each value as it would be written in settings.py
    project: str
    visitor: str
    text: str  # the visitor's value as the lab's form sends it
    changed: bool
    choices: list[str] | None  # the lab's allow-list, when there is one


def facts_of(request: HttpRequest, name: str) -> SettingFacts:
    """Return what the page says about one setting, for this visitor."""
    project = getattr(Profile.from_settings(), name)
    visitor = getattr(profile_of(request), name)
    choices = CHOICE_FIELDS[name]() if name in CHOICE_FIELDS else None
    return SettingFacts(
        name=name,
        django_default=python_literal(getattr(global_settings, setting_name(name))),
        project=python_literal(project),
        visitor=python_literal(visitor),
        text=as_text(name, visitor),
        changed=visitor != project,
        choices=BOOLEAN_CHOICES if isinstance(project, bool) else choices,
    )


def python_literal(value: Any) -> str:
    """Return a setting's value as settings.py would spell it (a Path as a str)."""
    return repr(value if value is None or isinstance(value, bool | int) else str(value))


def field_of(slug: str) -> str:
    """Return the profile field of a page: session-cookie-age → cookie_age."""
    return slug.replace("-", "_").removeprefix("session_")


@require_http_methods(["GET", "HEAD", "POST"])
def setting_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Show a setting page; its try-it POST runs like any lesson's."""
    if request.method == "POST":
        return views.lesson_page(request, slug)
    return pages.render_lesson(request, **setting_context(request, field_of(slug)))


def setting_context(request: HttpRequest, field: str) -> dict[str, Any]:
    """Gather what a setting page shows: values, control, and their effect."""
    recent = exchange.recent(request)
    session_cookies = [
        (e, e.session_set_cookie) for e in recent if e.session_set_cookie
    ]
    return {
        "row": facts_of(request, field),
        "setting": setting_name(field),
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
        for alias in settings.CACHES
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
