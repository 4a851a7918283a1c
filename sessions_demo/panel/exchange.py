"""
The HTTP exchange: for each visitor, the last few requests with the `Cookie`
header the browser sent and the `Set-Cookie` headers Django answered with.

Settings show themselves in those headers, so the course keeps them — but never
in the session it is teaching about: writing there would change what is being
observed. The record lives in a cache of its own, "exchange" (so recording a
lesson's traffic never evicts a session), under a random visitor id that
travels in a cookie of its own. It is bounded (a few requests, each header cut
to a fixed length) and expires when the visitor stops coming.

Besides the headers, each entry keeps what the session did in between: which
store methods it called (so whether the request read or wrote the store), the
flags and the decision SessionMiddleware took on the cookie, and, for a try-it,
its outcome and what it changed. The round-trip diagram, the predictions and
the debug toolbar's Session panel read it from here.

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

from ..lab.engines import engine_name
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
MAX_OUTCOME_CHARS = 500
MAX_CHANGES = 20
# The store methods that read, and those that write (lab/stores.py notes them).
READS = frozenset({"load", "exists"})
WRITES = frozenset({"save", "create"})
# Set on the request by the page that ran a try-it (note_try_it below).
TRY_IT_ATTRIBUTE = "exchange_try_it"


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

    @property
    def attributes_text(self) -> str:
        """Return the header after its name=value: " expires=...; Path=/"."""
        # A value never holds ";" (Django quotes such values), so the first
        # one ends it, even in a header cut in the middle.
        return self.header.partition(";")[2]


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
    engine: str = ""  # the engine the session ran on: "db"
    store_calls: tuple[str, ...] = ()  # what the session asked its store, in order
    cookie_action: str = ""  # Django's decision: "set", "delete", "none"; "" if none
    accessed: bool = False  # the session's flags when Django decided
    modified: bool = False
    location: str = ""  # where a redirect sent the browser next
    outcome: str = ""  # a try-it's result in words, "" for other requests
    changes: tuple[tuple[str, str], ...] = ()  # a try-it's changes: (kind, key)

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

    @property
    def session_value_sent(self) -> str | None:
        """Return the session cookie's value as the browser sent it, or None."""
        return next((v for n, v in self.sent_cookies if n == self.read_cookie), None)

    @property
    def other_sent_cookies(self) -> list[tuple[str, str]]:
        """Return the cookies the browser sent that are not the session's."""
        return [(n, v) for n, v in self.sent_cookies if n != self.read_cookie]

    @property
    def other_set_cookies(self) -> list[SetCookie]:
        """Return the Set-Cookie headers of cookies other than the session's."""
        return [c for c in self.set_cookies if c.name != self.session_cookie]

    @property
    def store_read(self) -> bool:
        """Say whether the session read its store (signed_cookies: its cookie)."""
        return not READS.isdisjoint(self.store_calls)

    @property
    def store_written(self) -> bool:
        """Say whether the session wrote its store."""
        return not WRITES.isdisjoint(self.store_calls)

    @property
    def store_deleted(self) -> bool:
        """Say whether the session deleted a session from its store."""
        return "delete" in self.store_calls


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


def note_try_it(
    request: HttpRequest, outcome: str, changes: list[tuple[str, str]]
) -> None:
    """Keep a try-it's outcome and changes with this request's entry."""
    setattr(request, TRY_IT_ATTRIBUTE, (outcome, changes))


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
    session = getattr(request, "session", None)
    decision = lab.cookie if lab else None
    outcome, changes = getattr(request, TRY_IT_ATTRIBUTE, ("", []))
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
        engine=engine_name(session) if session is not None else "",
        store_calls=tuple(getattr(session, "store_calls", ())),
        cookie_action=str(decision.action) if decision else "",
        accessed=decision.accessed if decision else False,
        modified=decision.modified if decision else False,
        location=shorten(response.get("Location", ""), MAX_PATH_CHARS),
        outcome=shorten(outcome, MAX_OUTCOME_CHARS),
        changes=tuple((kind, shorten(key, MAX_PATH_CHARS)) for kind, key in changes)[
            :MAX_CHANGES
        ],
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
    return Exchange(
        **{
            **entry,
            "set_cookies": cookies,
            "store_calls": tuple(entry["store_calls"]),
            "changes": tuple(tuple(change) for change in entry["changes"]),
        }
    )


def _cache_key(visitor: str) -> str:
    return CACHE_KEY_PREFIX + visitor
