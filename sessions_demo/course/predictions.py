"""
Predict, then run: on the lessons with a trap, the learner picks what will
happen before the button shows it.

Each prediction is data: a question and its choices, and each choice is a
claim about the request the button sends, a small function of that request's
entry in the HTTP exchange record (panel/exchange.py). Nothing here stores the
right answer: after the run, every choice is checked against what that request
actually did (its Set-Cookie, what it read and wrote, what it changed, what the
try-it returned), and the ones that held are what happened. Run the same
button in another state (no cookie yet, another engine, a setting changed in
the lab) and another choice may hold.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from ..panel.exchange import Exchange, SetCookie

Claim = Callable[[Exchange], bool]

SIGNED_COOKIES = "signed_cookies"
VALUE_SHOWN = 12  # characters of a cookie's value the evidence shows
TEST_COOKIE = "testcookie"  # the cookie set_test_cookie() does not set


@dataclass(frozen=True)
class Choice:
    value: str  # the radio button's value, unique within its prediction
    text: str  # the claim, in the learner's words
    holds: Claim  # is the claim true of the request the button sent?


@dataclass(frozen=True)
class Prediction:
    lesson: str  # the lesson's URL path: "methods/flush/"
    question: str
    choices: tuple[Choice, ...]
    method: str = "POST"  # the request whose record is checked
    # When the lesson's own button is not the request to predict, the box
    # shows one of its own that sends this (a plain GET of the page again).
    own_button: str = ""

    def held(self, entry: Exchange) -> list[str]:
        """Return the values of the choices that are true of this request."""
        return [choice.value for choice in self.choices if choice.holds(entry)]


# --- Claims about one request ------------------------------------------------


def no_set_cookie(entry: Exchange) -> bool:
    return entry.session_set_cookie is None


def deletes_cookie(entry: Exchange) -> bool:
    cookie = entry.session_set_cookie
    return cookie is not None and cookie.deletes


def sets_cookie(entry: Exchange) -> bool:
    cookie = entry.session_set_cookie
    return cookie is not None and not cookie.deletes


def same_key_again(entry: Exchange) -> bool:
    return sets_cookie(entry) and entry.session_set_cookie.value == (
        entry.session_value_sent
    )


def new_key(entry: Exchange) -> bool:
    return sets_cookie(entry) and entry.session_set_cookie.value != (
        entry.session_value_sent
    )


def saved(entry: Exchange) -> bool:
    return entry.store_written and sets_cookie(entry)


def not_saved(entry: Exchange) -> bool:
    return not entry.store_written and no_set_cookie(entry)


def browser_session_cookie(entry: Exchange) -> bool:
    return sets_cookie(entry) and "max-age" not in entry.session_set_cookie.attributes


def cookie_with_max_age(entry: Exchange) -> bool:
    return sets_cookie(entry) and "max-age" in entry.session_set_cookie.attributes


def data_lost(entry: Exchange) -> bool:
    return any(kind == "removed" for kind, _ in entry.changes)


def returned(expression: str, value: bool) -> Claim:
    """Claim that the try-it printed `expression → value` in its outcome."""
    line = re.compile(rf"^{re.escape(expression)} → {value}$", re.MULTILINE)
    return lambda entry: bool(line.search(entry.outcome))


def all_of(*claims: Claim) -> Claim:
    return lambda entry: all(claim(entry) for claim in claims)


def on_signed_cookies(entry: Exchange) -> bool:
    return entry.engine == SIGNED_COOKIES


def on_a_server_store(entry: Exchange) -> bool:
    return entry.engine != SIGNED_COOKIES


def own_test_cookie(entry: Exchange) -> bool:
    return any(cookie.name == TEST_COOKIE for cookie in entry.set_cookies)


# --- The predictions, in course order ----------------------------------------

COOKIE_ANSWERS = (
    Choice(
        "deleted", "A Set-Cookie that deletes the cookie (Max-Age=0)", deletes_cookie
    ),
    Choice("same", "The same cookie again, same key", same_key_again),
    Choice("new", "A cookie with a new key", new_key),
    Choice("none", "No Set-Cookie at all", no_set_cookie),
)
SAVED_ANSWERS = (
    Choice("saved", "Saved: the store is written and the cookie sent again", saved),
    Choice("not-saved", "Not saved: nothing written, no Set-Cookie", not_saved),
)

PREDICTIONS = (
    Prediction(
        "start/how-sessions-work/",
        "Where will your visit count be kept?",
        (
            Choice(
                "server",
                "On the server; the cookie carries only a key",
                all_of(on_a_server_store, sets_cookie),
            ),
            Choice(
                "cookie",
                "In the cookie itself",
                all_of(on_signed_cookies, sets_cookie),
            ),
        ),
    ),
    Prediction(
        "methods/setitem/",
        "You store a value. What does Django answer with?",
        COOKIE_ANSWERS,
    ),
    Prediction(
        "methods/delitem/",
        "You delete a key, maybe the last one. What happens to the cookie?",
        COOKIE_ANSWERS,
    ),
    Prediction(
        "methods/setdefault/",
        "setdefault() on a key that is already there: is the session saved?",
        SAVED_ANSWERS,
    ),
    Prediction(
        "methods/pop/",
        "pop() a key that is not there, with a default: is the session saved?",
        SAVED_ANSWERS,
    ),
    Prediction(
        "methods/clear/",
        "After clear(), what does Django answer with?",
        COOKIE_ANSWERS,
    ),
    Prediction(
        "methods/is-empty/",
        "What will bool(request.session) say?",
        (
            Choice("true", "True", returned("bool(request.session)", True)),
            Choice("false", "False", returned("bool(request.session)", False)),
        ),
        method="GET",
    ),
    Prediction(
        "methods/modified/",
        "You append to the cart without ticking modified. Is the cart saved?",
        SAVED_ANSWERS,
    ),
    Prediction(
        "methods/flush/",
        "After flush(), what does Django answer with?",
        COOKIE_ANSWERS,
    ),
    Prediction(
        "methods/cycle-key/",
        "After cycle_key(), what do you have?",
        (
            Choice("same", "The same key, the same data", same_key_again),
            Choice(
                "new-kept",
                "A new key, the same data",
                all_of(new_key, lambda entry: not data_lost(entry)),
            ),
            Choice(
                "new-empty",
                "A new key and an empty session",
                all_of(new_key, data_lost),
            ),
        ),
    ),
    Prediction(
        "methods/set-expiry/",
        "Which cookie comes back for the value you pick?",
        (
            Choice(
                "browser",
                "No Max-Age: it ends when the browser closes",
                browser_session_cookie,
            ),
            Choice("max-age", "A Max-Age: it lasts a set time", cookie_with_max_age),
            Choice("deleted", "A cookie deleted at once (Max-Age=0)", deletes_cookie),
        ),
    ),
    Prediction(
        "methods/set-test-cookie/",
        "Which cookie does set_test_cookie() send?",
        (
            Choice("own", "A cookie of its own, named testcookie", own_test_cookie),
            Choice(
                "session",
                "The session cookie: the marker is in the session",
                all_of(sets_cookie, lambda entry: not own_test_cookie(entry)),
            ),
            Choice(
                "none",
                "No cookie at all",
                all_of(no_set_cookie, lambda entry: not own_test_cookie(entry)),
            ),
        ),
    ),
    Prediction(
        "methods/test-cookie-worked/",
        "On this request, what will test_cookie_worked() answer?",
        (
            Choice(
                "true", "True", returned("request.session.test_cookie_worked()", True)
            ),
            Choice(
                "false",
                "False",
                returned("request.session.test_cookie_worked()", False),
            ),
        ),
        method="GET",
    ),
    Prediction(
        "methods/delete-test-cookie/",
        "You remove the marker. What happens to the cookie?",
        COOKIE_ANSWERS,
    ),
    Prediction(
        "engines/signed-cookies/",
        "You grow the session. Does the cookie's value change?",
        (
            Choice(
                "same", "No: the key stays, only the stored data grows", same_key_again
            ),
            Choice("changes", "Yes: the value is the data, signed again", new_key),
            Choice("none", "No cookie is sent", no_set_cookie),
        ),
    ),
    Prediction(
        "settings/session-expire-at-browser-close/",
        "You save your session. Which cookie comes back?",
        (
            Choice(
                "browser",
                "No Max-Age: it ends when the browser closes",
                browser_session_cookie,
            ),
            Choice("max-age", "A Max-Age: it lasts a set time", cookie_with_max_age),
        ),
    ),
    Prediction(
        "settings/session-save-every-request/",
        "You load this page again, changing nothing. Does its response set the cookie?",
        (
            Choice("yes", "Yes: a Set-Cookie with a fresh expiry", sets_cookie),
            Choice("no", "No Set-Cookie: nothing changed", no_set_cookie),
        ),
        method="GET",
        own_button="Load this page again",
    ),
)


@cache
def by_lesson() -> dict[str, Prediction]:
    """Return the predictions by their lesson's URL path."""
    return {prediction.lesson: prediction for prediction in PREDICTIONS}


def of(lesson_path: str) -> Prediction | None:
    """Return the lesson's prediction, if it has one."""
    return by_lesson().get(lesson_path)


def run_of(prediction: Prediction, recent: list[Exchange]) -> Exchange | None:
    """Return the newest recorded request that ran the lesson's button."""
    path = "/" + prediction.lesson
    return next(
        (
            entry
            for entry in recent
            if entry.method == prediction.method
            and entry.path.partition("?")[0] == path
        ),
        None,
    )


def evidence(entry: Exchange) -> list[str]:
    """Say what the request did to the cookie and the store; the result says more."""
    cookie = entry.session_set_cookie
    if cookie:
        answered = f"Set-Cookie: {_shortened(cookie)}"
    else:
        why = entry.no_session_cookie_because
        answered = f"no Set-Cookie for {entry.session_cookie}: {why}"
    calls = ", ".join(f"{call}()" for call in entry.store_calls)
    return [answered, f"the store: {calls}" if calls else "the store was not touched"]


def _shortened(cookie: SetCookie) -> str:
    """Return a Set-Cookie header as sent, a long value cut to its start."""
    if len(cookie.value) <= VALUE_SHOWN:
        return cookie.header
    return f"{cookie.name}={cookie.value[:VALUE_SHOWN]}…;{cookie.attributes_text}"
