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

from http.cookies import Morsel

from django.http import HttpRequest, HttpResponse

from .engines import short_name
from .profile import InvalidProfile, Profile
from .stores import store_class

COOKIE_IDENTITY = ("cookie_name", "cookie_path", "cookie_domain")


def relocates(old: Profile, new: Profile) -> bool:
    """Tell whether the new profile can no longer find the old profile's session."""
    if old.engine != new.engine or old.cookie_name != new.cookie_name:
        return True
    engine = short_name(new.engine)
    if engine == "cache" and old.cache_alias != new.cache_alias:
        return True
    return engine == "file" and str(old.file_path) != str(new.file_path)


def check_data_fits(request: HttpRequest, new: Profile, carry: bool) -> None:
    """Raise InvalidProfile if the new serializer cannot write the data kept."""
    if relocates(request.lab.profile, new) and not carry:
        return
    try:
        store_class(new)().encode(_readable_data(request))
    except (TypeError, ValueError):
        raise InvalidProfile(
            f"Your session holds values {new.serializer.rsplit('.', 1)[-1]} cannot "
            "write (a datetime, say): delete them first, or keep the serializer."
        ) from None


def switch_session(request: HttpRequest, new: Profile, carry: bool) -> list[str]:
    """Give the request a session under the new profile; say what that did."""
    old = request.lab.profile
    session = request.session
    data = _readable_data(request)
    if relocates(old, new) or request.lab.failure is not None:
        moved = store_class(new)()
        if carry and data:
            moved.update(data)
            # Stored first: a store that refuses it (limits.SessionRefused)
            # leaves the old session where it was.
            moved.save()
        # The old store's copy would be an orphan nobody can reach: delete it.
        _delete(request)
        request.session = moved
        notes = [
            _relocation_note(old, new, data, carry)
            if request.lab.failure is None
            else _failure_note(old, request.lab.failure, carry and bool(data))
        ]
    else:
        if old.cache_alias != new.cache_alias and hasattr(session, "_cache"):
            # cached_db: the old cache's copy would turn stale; drop it.
            session._cache.delete(session.cache_key)
        # Same place: keep the key, and save again so the cookie and the stored
        # expiry follow the new settings now rather than at the next change.
        kept = store_class(new)(session.session_key)
        if data:
            kept.update(data)
        request.session = kept
        notes = []
    # The middleware saves the new session, with the new profile's cookie.
    request.lab.profile = new
    return notes


def _readable_data(request: HttpRequest) -> dict:
    """Return the session's data, or note that its store failed and return {}."""
    if request.lab.failure is None:
        try:
            return dict(request.session.items())
        except Exception as error:  # any backend's failure: cache down, disk, db
            request.lab.failure = error
    return {}


def _delete(request: HttpRequest) -> None:
    """Delete the session from its store; a failing store is noted, not fatal."""
    if request.lab.failure is None:
        try:
            request.session.delete()
        except Exception as error:  # any backend's failure: cache down, disk, db
            request.lab.failure = error


def _failure_note(old: Profile, error: Exception, carried: bool) -> str:
    failed = f"Your {_short(old)} store failed ({type(error).__name__}: {error})"
    if carried:
        return f"{failed}: your data came along, but its old copy may remain there."
    return f"{failed}: nothing could be read or deleted there, so you start afresh."


def expire_old_cookie(response: HttpResponse, old: Profile, new: Profile) -> bool:
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
    return short_name(profile.engine)
