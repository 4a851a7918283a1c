"""
The round trip of one request, as the diagram on every lesson page draws it.

Five steps, always in this order: the browser sends the session cookie (or
none); the view uses `request.session` (or never touches it); the session
reads its store the first time it is used; on the way out SessionMiddleware
writes the store if the session changed; and the response carries a
`Set-Cookie` (or none). Each step says whether this request took it, and why,
read from the HTTP exchange record: what actually happened, never what should.
"""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from .exchange import Exchange

BROWSER, DJANGO, STORE = "browser", "django", "store"
SIGNED_COOKIES = "signed_cookies"
KEY_SHOWN = 8  # characters of a session key shown on an arrow
REDIRECTS = frozenset({301, 302, 303, 307, 308})
# Each step's name and the lanes its arrow joins (from, to).
COOKIE = ("cookie", BROWSER, DJANGO)
VIEW = ("view", DJANGO, DJANGO)
READ = ("read", DJANGO, STORE)
WRITE = ("write", DJANGO, STORE)
SET_COOKIE = ("set-cookie", DJANGO, BROWSER)


@dataclass(frozen=True)
class Step:
    name: str  # "cookie", "view", "read", "write", "set-cookie"
    source: str  # the lane the arrow leaves: browser, django or store
    target: str  # the lane it reaches (the same lane: a step inside Django)
    taken: bool
    label: str  # what travels, or what is done: "Cookie: sessionid=dgt3bk…"
    note: str  # why it was taken or skipped, in words


@dataclass(frozen=True)
class RoundTrip:
    request: str  # "POST /methods/setitem/ → 302"
    engine: str
    led_here: bool  # a request whose redirect brought the browser to this page
    at: datetime | None
    steps: tuple[Step, ...]

    @property
    def store_name(self) -> str:
        """Name the third lane: where this engine keeps the session."""
        return "No server store" if self.engine == SIGNED_COOKIES else "The store"


def round_trip_of(recent: list[Exchange], current: Exchange | None) -> RoundTrip | None:
    """Return the trip to draw: the request that redirected here, or this one."""
    previous = recent[0] if recent else None
    if previous is not None and (current is None or led_to(previous, current)):
        return trip(previous, led_here=current is not None)
    return trip(current) if current is not None else None


def led_to(previous: Exchange, current: Exchange) -> bool:
    """Tell whether a request's redirect brought the browser to this request."""
    return (
        previous.method != "GET"
        and previous.status in REDIRECTS
        and current.method == "GET"
        and urlsplit(previous.location).path == urlsplit(current.path).path
    )


def trip(entry: Exchange, *, led_here: bool = False) -> RoundTrip:
    """Describe one recorded request as the five steps of a round trip."""
    return RoundTrip(
        request=f"{entry.method} {entry.path} → {entry.status}",
        engine=entry.engine,
        led_here=led_here,
        at=entry.at,
        steps=(
            _cookie(entry),
            _view(entry),
            _read(entry),
            _write(entry),
            _set_cookie(entry),
        ),
    )


def example(first_visit: bool) -> RoundTrip:
    """Return the trip of a first visit that stores, or of a later one that reads."""
    cookie = "sessionid=4x9q2k7w…"
    if first_visit:
        return RoundTrip(
            "POST /start/how-sessions-work/ → 302",
            "db",
            False,
            None,
            (
                Step(*COOKIE, False, "no Cookie header", "no session cookie yet"),
                Step(*VIEW, True, 'session["visits"] = 1', "a change: modified"),
                Step(*READ, False, "load()", "no cookie, so no key to load"),
                Step(*WRITE, True, "save(): a new key", "saved on the way out"),
                Step(
                    *SET_COOKIE,
                    True,
                    f"Set-Cookie: {cookie}; Max-Age=1209600",
                    "the browser keeps it two weeks",
                ),
            ),
        )
    return RoundTrip(
        "GET /next-page/ → 200",
        "db",
        False,
        None,
        (
            Step(*COOKIE, True, f"Cookie: {cookie}", "the key comes back"),
            Step(*VIEW, True, 'session.get("visits")', "read, not changed"),
            Step(*READ, True, 'load() → {"visits": 1}', "the first use loads it"),
            Step(*WRITE, False, "save()", "not written: nothing changed"),
            Step(*SET_COOKIE, False, "no Set-Cookie", "the browser keeps its cookie"),
        ),
    )


def _cookie(entry: Exchange) -> Step:
    value = entry.session_value_sent
    if value is None:
        why = "the browser had no session cookie to send"
        if entry.cookie:
            why = f"the browser sent cookies, but no {entry.read_cookie}"
        return Step(*COOKIE, False, "no session cookie", why)
    label = f"Cookie: {entry.read_cookie}={_short(value)}"
    return Step(*COOKIE, True, label, "the browser sent its key")


def _view(entry: Exchange) -> Step:
    changed = [f"{kind} {key!r}" if key else kind for kind, key in entry.changes]
    if entry.modified:
        note = ", ".join(changed) if changed else "the session was marked modified"
        return Step(*VIEW, True, "the view changes request.session", note)
    if entry.accessed:
        note = "read, not changed"
        return Step(*VIEW, True, "the view reads request.session", note)
    if not entry.cookie_action:
        note = "this request did not go through SessionMiddleware's decision"
        return Step(*VIEW, False, "request.session", note)
    note = "the session stays lazy: nothing is loaded"
    return Step(*VIEW, False, "the view never touches request.session", note)


def _read(entry: Exchange) -> Step:
    signed = entry.engine == SIGNED_COOKIES
    label = "load(): check and decode the cookie" if signed else "load(): read the data"
    if entry.store_read:
        return Step(*READ, True, label, "the first use loads it")
    if entry.session_value_sent is None:
        why = "no cookie, so no key to load"
    elif not entry.accessed:
        why = "the view never used the session"
    else:
        why = "the session was replaced before it was read"
    return Step(*READ, False, "load()", why)


def _write(entry: Exchange) -> Step:
    written, deleted = entry.store_written, entry.store_deleted
    if written or deleted:
        done = []
        if written:
            done.append(
                "save(): sign a new cookie value"
                if entry.engine == SIGNED_COOKIES
                else "save(): write the session"
            )
        if deleted:
            done.append("delete(): remove the stored session")
        why = "SessionMiddleware saved it on the way out"
        if deleted and not written:
            why = "the view ended the session"
        return Step(*WRITE, True, "; ".join(done), why)
    why = entry.no_session_cookie_because or "nothing to write"
    return Step(*WRITE, False, "save()", f"not written: {why}")


def _set_cookie(entry: Exchange) -> Step:
    cookie = entry.session_set_cookie
    if cookie is None:
        why = entry.no_session_cookie_because or "no session on this request"
        return Step(*SET_COOKIE, False, "no Set-Cookie", why)
    if cookie.deletes:
        label = f'Set-Cookie: {cookie.name}=""; Max-Age=0'
        return Step(*SET_COOKIE, True, label, "the browser drops the cookie")
    lifetime = cookie.attributes.get("max-age")
    label = f"Set-Cookie: {cookie.name}={_short(cookie.value)}"
    label += f"; Max-Age={lifetime}" if lifetime else "; no Max-Age"
    note = "kept until then" if lifetime else "dropped when the browser closes"
    return Step(*SET_COOKIE, True, label, note)


def _short(value: str) -> str:
    return value if len(value) <= KEY_SHOWN else value[:KEY_SHOWN] + "…"
