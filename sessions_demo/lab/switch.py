"""
Moving a visitor's session from one profile to another.

Some settings decide where a session lives or which cookie finds it: the
engine, the cookie's name (also the file engine's file prefix), the cache of
the cache engine, the folder of the file engine. Change one of them in
production and every cookie in every browser points at nothing: every user is
logged out. The lab does the same to the visitor, unless they ask to carry
their data over, and it never leaves the old session or the old cookie behind.
Every other setting keeps the session, re-issued with the new settings.
"""

from dataclasses import dataclass, field
from http.cookies import Morsel

from django.http import HttpRequest, HttpResponse

from .profile import Profile
from .stores import store_class

COOKIE_IDENTITY = ("cookie_name", "cookie_path", "cookie_domain")


@dataclass
class Switch:
    """What changing profiles did to the visitor's session, in words."""

    relocated: bool
    carried: int = 0
    notes: list[str] = field(default_factory=list)


def relocates(old: Profile, new: Profile) -> bool:
    """Tell whether the new profile can no longer find the old profile's session."""
    if old.engine != new.engine or old.cookie_name != new.cookie_name:
        return True
    engine = new.engine.rsplit(".", 1)[-1]
    if engine == "cache" and old.cache_alias != new.cache_alias:
        return True
    return engine == "file" and str(old.file_path) != str(new.file_path)


def switch_session(request: HttpRequest, new: Profile, carry: bool) -> Switch:
    """Give the request a session under the new profile; the middleware saves it."""
    old = request.session_profile
    session = request.session
    data = dict(session.items())
    if relocates(old, new):
        # The old store's copy would be an orphan nobody can reach: delete it.
        session.delete()
        moved = store_class(new)()
        if carry and data:
            moved.update(data)
        request.session = moved
        outcome = Switch(relocated=True, carried=len(data) if carry else 0)
        outcome.notes.append(_relocation_note(old, new, data, carry))
    else:
        # Same place: keep the key, and save again so the cookie and the stored
        # expiry follow the new settings now rather than at the next change.
        kept = store_class(new)(session.session_key)
        if data:
            kept.update(data)
        request.session = kept
        outcome = Switch(relocated=False)
    request.session_profile = new
    return outcome


def expire_old_cookie(
    request: HttpRequest, response: HttpResponse, old: Profile, new: Profile
) -> bool:
    """Delete the old profile's session cookie when the new one is another cookie."""
    if all(getattr(old, name) == getattr(new, name) for name in COOKIE_IDENTITY):
        return False
    # A browser tells cookies apart by name, path and domain; the response's
    # cookie jar only by name. Under the same name, the deletion gets a key of
    # its own in the jar, so the new cookie can be set beside it.
    scratch = HttpResponse()
    scratch.delete_cookie(
        old.cookie_name,
        path=old.cookie_path,
        domain=old.cookie_domain,
        samesite=old.cookie_samesite,
    )
    morsel: Morsel = scratch.cookies[old.cookie_name]
    jar_key = old.cookie_name
    if old.cookie_name == new.cookie_name:
        jar_key = f"{old.cookie_name} at {old.cookie_path} {old.cookie_domain or ''}"
    response.cookies[jar_key] = morsel
    return True


def _relocation_note(old: Profile, new: Profile, data: dict, carry: bool) -> str:
    consequence = (
        f"You changed {_what_moved(old, new)}: your old cookie means nothing there. "
        "In production every user would lose their session (and be logged out)."
    )
    if not data:
        return consequence
    if carry:
        keys = "1 key" if len(data) == 1 else f"{len(data)} keys"
        return f"{consequence} Your data ({keys}) came along, under a new key."
    return (
        f"{consequence} Your old session was deleted rather than left behind, "
        "unreachable, in the old store."
    )


def _what_moved(old: Profile, new: Profile) -> str:
    if old.engine != new.engine:
        return f"the engine from {_short(old)} to {_short(new)}"
    if old.cookie_name != new.cookie_name:
        return f"the session cookie's name from {old.cookie_name} to {new.cookie_name}"
    if old.cache_alias != new.cache_alias:
        return f"the cache from {old.cache_alias!r} to {new.cache_alias!r}"
    return "the file engine's folder"


def _short(profile: Profile) -> str:
    return profile.engine.rsplit(".", 1)[-1]
