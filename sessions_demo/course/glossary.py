"""
Words before jargon: the course's short glossary.

A learner meets "store", "serializer" or `Vary: Cookie` before the lesson that
explains them. Each term here has a plain definition, the lesson that goes
into it, and the ways a page writes it; on a lesson page, the first time a
term appears it links to its entry on `/glossary/` (pages/glossary_links.py).
"""

import re
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Term:
    slug: str  # the entry's anchor on /glossary/
    word: str  # as the glossary heads it
    definition: str  # plain text, one or two sentences
    lesson: str  # the URL path of the lesson that goes into it
    pattern: str  # how pages write it (a regular expression, case-sensitive)

    @property
    def matcher(self) -> re.Pattern[str] | None:
        """Return how to find the term in a page's text; None: never linked."""
        return _compiled(self.pattern) if self.pattern else None


TERMS: tuple[Term, ...] = (
    Term(
        "session",
        "session",
        "What a site remembers about one visitor between requests. In Django, "
        "a small dictionary, request.session, found again on each request "
        "through a key.",
        "start/how-sessions-work/",
        "",  # on every line of every page: linked from the header instead
    ),
    Term(
        "session-key",
        "session key",
        "A random name, 32 letters and digits, for one visitor's session. The "
        "cookie carries it; the store files the data under it.",
        "start/how-sessions-work/",
        r"\b[Ss]ession keys?\b",
    ),
    Term(
        "cookie",
        "cookie",
        "A small named value that the browser keeps for a site and sends back "
        "with every request to it, in the Cookie header.",
        "start/how-sessions-work/",
        r"(?<![\w\-])[Cc]ookies?\b",
    ),
    Term(
        "set-cookie",
        "Set-Cookie",
        "The response header with which a server gives the browser a cookie, "
        "or tells it to drop one (Max-Age=0).",
        "methods/setitem/",
        r"\bSet-Cookie\b",
    ),
    Term(
        "middleware",
        "middleware",
        "Code that runs around every view. Django's SessionMiddleware gives "
        "each request its request.session and, as the response goes out, "
        "saves it and sets the cookie.",
        "start/enabling-sessions/",
        r"\bSessionMiddleware\b|\bmiddleware\b",
    ),
    Term(
        "engine",
        "engine",
        "The class that keeps sessions somewhere: db (a database table), "
        "cache, cached_db, file or signed_cookies. SESSION_ENGINE picks it.",
        "settings/session-engine/",
        r"\b[Ee]ngines?\b",
    ),
    Term(
        "store",
        "store",
        "Wherever the engine keeps the session data: a row of the "
        "django_session table, a cache entry, a file, or with signed_cookies "
        "the cookie itself.",
        "engines/db/",
        r"(?<=\bthe )store\b|\bsession stores?\b",
    ),
    Term(
        "serializer",
        "serializer",
        "Turns the session dictionary into text for the store, and back. "
        "Django ships JSONSerializer only: values must be JSON types.",
        "settings/session-serializer/",
        r"\b[Ss]erializers?\b|\bJSONSerializer\b",
    ),
    Term(
        "signed",
        "signed",
        "Carrying a signature made with the project's SECRET_KEY, so that any "
        "change is detected. Signed is not encrypted: anyone can read it.",
        "engines/signed-cookies/",
        r"\b[Ss]igned\b(?!_)",
    ),
    Term(
        "modified",
        "modified",
        "The session's flag that tells SessionMiddleware to save it. "
        "Assignments set it; a change inside a stored list does not.",
        "methods/modified/",
        r"\bmodified\b",
    ),
    Term(
        "expiry",
        "expiry",
        "When a session stops being valid: the store refuses it after its "
        "expiry date, and the browser drops the cookie after its Max-Age.",
        "methods/set-expiry/",
        r"\b[Ee]xpiry\b",
    ),
    Term(
        "max-age",
        "Max-Age and Expires",
        "Cookie attributes: how many seconds the browser keeps the cookie, and "
        "until when. Without either, it ends when the browser closes.",
        "settings/session-cookie-age/",
        r"\bMax-Age\b",
    ),
    Term(
        "httponly",
        "HttpOnly",
        "A cookie attribute: the browser sends the cookie but hides it from the "
        "page's JavaScript, so an injected script cannot steal the key.",
        "settings/session-cookie-httponly/",
        r"\bHttpOnly\b",
    ),
    Term(
        "secure",
        "Secure",
        "A cookie attribute: the browser sends the cookie over HTTPS only.",
        "settings/session-cookie-secure/",
        r"\bSecure\b",
    ),
    Term(
        "samesite",
        "SameSite",
        "A cookie attribute: whether the browser sends the cookie along with "
        "requests that other sites start (Strict, Lax or None).",
        "settings/session-cookie-samesite/",
        r"\bSameSite\b",
    ),
    Term(
        "vary",
        "Vary: Cookie",
        "A response header that tells caches the page depends on the request's "
        "Cookie header, so a page made for one visitor is never served to "
        "another.",
        "methods/get/",
        r"\bVary(?:: Cookie)?\b",
    ),
)


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)
