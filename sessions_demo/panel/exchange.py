"""
The HTTP exchange: for each visitor, the last few requests with the `Cookie`
header the browser sent and the `Set-Cookie` headers Django answered with.

Settings show themselves in those headers, so the course keeps them — but never
in the session it is teaching about: writing there would change what is being
observed. The record lives in a cache of its own, "exchange" (so recording a
lesson's traffic never evicts a session), under a random visitor id that
travels in a cookie of its own. It is bounded (a few requests, each header cut
to a fixed length) and expires when the visitor stops coming.

`ExchangeMiddleware` must come first in MIDDLEWARE: responses travel back up
the list, so the first middleware sees the headers exactly as they leave Django,
after the session, CSRF and messages middleware have added their cookies.
"""

import logging
import secrets
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from http.cookies import Morsel

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from ..lab.profile import VISITOR_COOKIE_NAME
from ..lab.session_cookie import Action
from ..lab.state import profile_of

logger = logging.getLogger(__name__)

VISITOR_COOKIE = VISITOR_COOKIE_NAME  # reserved: no session cookie may take it
CACHE_KEY_PREFIX = "sessions_demo.exchange:"
MAX_EXCHANGES = 5
MAX_HEADER_CHARS = 1024
MAX_PATH_CHARS = 200
MAX_SET_COOKIES = 6
RECORD_SECONDS = 60 * 60 * 24
ELISION = "…"
# A visitor id is 22 URL-safe characters; anything else is not ours.
VISITOR_ID_BYTES = 16
VISITOR_ID_LENGTH = 22
VISITOR_ID_CHARS = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
)
# Requests that only observe would push the visitor's actions out of the
# record: static files, the debug toolbar's own requests, and JSON endpoints,
# which scripts poll (the live panel's /panel/ among them).
UNRECORDED_PREFIXES = ("/__debug__/", "/favicon.ico")
UNRECORDED_CONTENT_TYPES = ("application/json",)


@dataclass(frozen=True)
class SetCookie:
    """One Set-Cookie header: the cookie's name, value and attributes."""

    name: str
    value: str  # cut to MAX_HEADER_CHARS, like the header
    size: int  # the length of the value as sent, before any cutting
    header: str  # the whole header value, as the browser received it
    attributes: dict[str, str | bool] = field(default_factory=dict)

    @property
    def deletes(self) -> bool:
        """Say whether this header tells the browser to drop the cookie."""
        return self.value == "" and self.attributes.get("max-age") == "0"


@dataclass(frozen=True)
class Exchange:
    """One request and its response, as far as cookies are concerned."""

    method: str
    path: str
    status: int
    cookie: str  # the Cookie request header, "" when the browser sent none
    set_cookies: tuple[SetCookie, ...]
    read_cookie: str  # the session cookie's name when the request came in
    session_cookie: str  # its name when the response went out (the lab may rename it)
    no_session_cookie_because: str  # why no session Set-Cookie, "" if one was sent
    at: datetime

    @property
    def session_set_cookie(self) -> SetCookie | None:
        """Return the Set-Cookie header of the session cookie, if there was one."""
        return next(
            (c for c in self.set_cookies if c.name == self.session_cookie), None
        )

    @property
    def carried_session(self) -> bool:
        """Say whether the browser sent the session cookie with this request."""
        return self.read_cookie in self.sent_cookie_names

    @property
    def sent_cookies(self) -> list[tuple[str, str]]:
        """Return the (name, value) pairs of the Cookie header, in its order."""
        pairs = (part.strip() for part in self.cookie.split(";"))
        return [
            (name, value) for name, _, value in (p.partition("=") for p in pairs if p)
        ]

    @property
    def sent_cookie_names(self) -> list[str]:
        """Return the names of the cookies the browser sent, in its order."""
        return [name for name, _ in self.sent_cookies]


class ExchangeMiddleware:
    """Record each request's cookies and the response's Set-Cookie headers."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_recorded(request):
            return self.get_response(request)
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith(UNRECORDED_CONTENT_TYPES):
            return response
        lab = getattr(request, "lab", None)
        if lab is not None and lab.observer:
            return response  # the live panel looking (lab/middleware.py's @observer)
        visitor = visitor_id(request)
        if visitor is None:
            visitor = secrets.token_urlsafe(VISITOR_ID_BYTES)
            response.set_cookie(
                VISITOR_COOKIE,
                visitor,
                max_age=RECORD_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        _append(visitor, exchange_of(request, response))
        return response


def recent(request: HttpRequest) -> list[Exchange]:
    """Return the visitor's recorded exchanges, newest first."""
    visitor = visitor_id(request)
    if visitor is None:
        return []
    return [_from_dict(entry) for entry in _stored(visitor)]


def is_recorded(request: HttpRequest) -> bool:
    """Say whether this request may belong in the visitor's record."""
    static = "/" + settings.STATIC_URL.lstrip("/")
    return not request.path.startswith((*UNRECORDED_PREFIXES, static))


def visitor_id(request: HttpRequest) -> str | None:
    """Return the visitor id from its cookie, or None when absent or malformed."""
    value = request.COOKIES.get(VISITOR_COOKIE, "")
    if len(value) == VISITOR_ID_LENGTH and set(value) <= VISITOR_ID_CHARS:
        return value
    return None


def exchange_of(request: HttpRequest, response: HttpResponse) -> Exchange:
    """Describe the cookies that went in and out with this request."""
    lab = getattr(request, "lab", None)
    session_cookie = profile_of(request).cookie_name
    # The lab's own view may switch the profile: the cookie Django read is
    # the one of the profile the request arrived with.
    read_cookie = lab.arrived_with.cookie_name if lab else session_cookie
    set_cookies = tuple(
        SetCookie(
            name=morsel.key,
            value=shorten(morsel.value),
            size=len(morsel.value),
            header=shorten(morsel.OutputString()),
            attributes=_attributes(morsel),
        )
        for morsel in list(response.cookies.values())[:MAX_SET_COOKIES]
    )
    sent = any(c.name == session_cookie for c in set_cookies)
    return Exchange(
        method=request.method or "",
        path=shorten(request.get_full_path(), MAX_PATH_CHARS),
        status=response.status_code,
        cookie=shorten(request.headers.get("Cookie", "")),
        set_cookies=set_cookies,
        read_cookie=read_cookie,
        session_cookie=session_cookie,
        no_session_cookie_because="" if sent else _why_no_cookie(request),
        at=timezone.now(),
    )


def shorten(text: str, limit: int = MAX_HEADER_CHARS) -> str:
    """Cut text to limit characters by dropping its middle, keeping both ends."""
    if len(text) <= limit:
        return text
    head = (limit - len(ELISION)) // 2
    tail = limit - len(ELISION) - head
    return text[:head] + ELISION + text[-tail:]


def _attributes(morsel: Morsel) -> dict[str, str | bool]:
    # Unset attributes are "" in a Morsel; flags (secure, httponly) are True.
    return {
        key: value if value is True else str(value)
        for key, value in morsel.items()
        if value is not None and value is not False and value != ""
    }


def _why_no_cookie(request: HttpRequest) -> str:
    # The session middleware's own decision, in words (lab/session_cookie.py).
    lab = getattr(request, "lab", None)
    if lab is None or lab.cookie is None:
        return "no session on this request"
    if lab.cookie.action is Action.SET:  # decided, but then the save raised
        return "saving the session failed, so no cookie was sent"
    return lab.cookie.why


def _append(visitor: str, entry: Exchange) -> None:
    # Read, prepend, write: two simultaneous requests of one visitor may lose
    # one entry, which a record of the last few requests can afford.
    entries = [asdict(entry), *_stored(visitor)][:MAX_EXCHANGES]
    try:
        caches["exchange"].set(_cache_key(visitor), entries, RECORD_SECONDS)
    except Exception:
        # The record only observes: a cache that is down (the cache engine's
        # lesson breaks it on purpose) must not take the page down with it.
        logger.warning("Could not record the HTTP exchange", exc_info=True)


def _stored(visitor: str) -> list[dict]:
    # Entries of another shape were written by an older version of this
    # module (the cache outlives a deploy): they are dropped, not misread.
    expected = {f.name for f in fields(Exchange)}
    try:
        entries = caches["exchange"].get(_cache_key(visitor), [])
    except Exception:
        logger.warning("Could not read the HTTP exchange record", exc_info=True)
        return []
    return [e for e in entries if isinstance(e, dict) and e.keys() == expected]


def _from_dict(entry: dict) -> Exchange:
    cookies = tuple(SetCookie(**c) for c in entry["set_cookies"])
    return Exchange(**{**entry, "set_cookies": cookies})


def _cache_key(visitor: str) -> str:
    return CACHE_KEY_PREFIX + visitor
