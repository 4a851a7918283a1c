"""
What happens to the session cookie when a response goes out: Django's decision.

`SessionMiddleware.process_response` decides, from three flags of the session
(accessed, modified, empty) and two settings, whether to delete the cookie,
save the session and set it, or leave it alone, and whether the response must
vary on Cookie. This module takes that decision once, in Django's order, and
says why in words: the lab's middleware acts on it, the expiry lesson shows
its `Max-Age`, and the HTTP exchange explains a response without a cookie.
"""

import time
from dataclasses import dataclass, replace
from enum import StrEnum

from django.contrib.sessions.backends.base import SessionBase
from django.utils.http import http_date


class Action(StrEnum):
    DELETE = "delete"  # the browser sent a cookie, and the session is empty
    SET = "set"  # save the session and send its cookie again
    NONE = "none"  # leave the cookie alone


@dataclass(frozen=True)
class CookieDecision:
    action: Action
    why: str  # in words, for a learner
    vary: bool  # the response depends on the Cookie header
    max_age: int | None = None  # for SET: None makes a browser-session cookie
    expires: str | None = None
    # The session's flags the decision was taken on, as they were then.
    accessed: bool = False
    modified: bool = False


def decide(
    session: SessionBase, *, cookie_sent: bool, save_every_request: bool, status: int
) -> CookieDecision:
    """Decide, as SessionMiddleware.process_response does, what the cookie gets."""
    # The flags first: the decision below reads the session and would set them.
    accessed, modified = session.accessed, session.modified
    decision = _decide(session, cookie_sent, save_every_request, status)
    return replace(decision, accessed=accessed, modified=modified)


def _decide(
    session: SessionBase, cookie_sent: bool, save_every_request: bool, status: int
) -> CookieDecision:
    accessed, modified, empty = session.accessed, session.modified, session.is_empty()
    # The session should be deleted only if the session is entirely empty.
    if cookie_sent and empty:
        return CookieDecision(Action.DELETE, "the session is empty", vary=True)
    if not (modified or save_every_request):
        return CookieDecision(Action.NONE, "the session was not modified", accessed)
    if empty:
        return CookieDecision(
            Action.NONE, "the session is empty, so there was nothing to save", accessed
        )
    # Django works the lifetime out before it looks at the status code.
    max_age, expires = cookie_lifetime(session)
    if status >= 500:
        return CookieDecision(
            Action.NONE,
            "the response was a server error, so the session was not saved",
            accessed,
        )
    why = "the session was modified" if modified else "SESSION_SAVE_EVERY_REQUEST"
    return CookieDecision(Action.SET, why, vary=True, max_age=max_age, expires=expires)


def cookie_lifetime(session: SessionBase) -> tuple[int | None, str | None]:
    """Return the Max-Age and Expires of the cookie SessionMiddleware would send."""
    if session.get_expire_at_browser_close():
        return None, None  # no Max-Age, no Expires: a browser-session cookie
    max_age = session.get_expiry_age()
    return max_age, http_date(time.time() + max_age)
