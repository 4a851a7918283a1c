"""
What many tests do: parse a page, read a try-it's outcome, store an item in
the visitor's session, change the visitor's lab settings, read the panel.
"""

import re
import time
from contextlib import contextmanager
from datetime import timedelta
from importlib import import_module
from pathlib import Path
from unittest import mock

from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.middleware import SessionMiddleware
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from sessions_demo.lab.engines import DJANGO_ENGINES, engine_path
from tests import backends

# The project's folder: README.md, manage.py, tests/.
ROOT = Path(__file__).resolve().parent.parent
# The engine pages' URL names, by engine: Django's five under /engines/, the
# course's own user_db on /beyond/custom-engine/, in the same frame.
PAGES_OF_ENGINES = {engine: f"engine_{engine}" for engine in DJANGO_ENGINES} | {
    "user_db": "custom_engine"
}


def parse(response) -> BeautifulSoup:
    """Parse an HTML response."""
    return BeautifulSoup(response.content, "html.parser")


def outcome(response) -> str:
    """Return the text of a lesson page's Result box."""
    return parse(response).select_one(".outcome").get_text(" ", strip=True)


# The name "Make me my own demo user" gives: learner- and six random characters.
DEMO_USER_NAME = re.compile(r"learner-[a-z2-9]{6}")


def own_demo_user(client, **extra) -> str:
    """Press "Make me my own demo user" on the login lesson; return the name given."""
    response = client.post(
        reverse("login"), {"try_it": "make_own_user"}, follow=True, **extra
    )
    return DEMO_USER_NAME.search(outcome(response))[0]


def set_item(client, key="username", value="JohnDoe"):
    """Store key = value through the setitem lesson's try-it."""
    return client.post(reverse("setitem"), {"key": key, "value": value})


def change_lab(client, host="testserver", **fields):
    """POST fields to the lab, as the lab's own form does."""
    return client.post(reverse("lab"), fields, HTTP_HOST=host)


def text(node) -> str:
    """Return an element's text as one line."""
    return node.get_text(" ", strip=True)


def setting_url(setting: str) -> str:
    """Return a setting's page: SESSION_COOKIE_AGE → /settings/session-cookie-age/."""
    return reverse(setting.lower())


def setting_page(client, setting: str):
    """Return a setting's page, parsed."""
    return parse(client.get(setting_url(setting)))


def save_session(client, setting="SESSION_COOKIE_AGE"):
    """Press a setting page's "Save my session"; return the response."""
    return client.post(setting_url(setting))


def saved_outcome(client, setting: str) -> str:
    """Press a setting page's "Save my session"; return the Result it shows."""
    response = client.post(setting_url(setting), follow=True)
    return text(parse(response).select_one(".outcome"))


def seconds_left(session_key: str) -> float:
    """Return how long the db store keeps this session from now."""
    expiry = Session.objects.get(session_key=session_key).expire_date
    return (expiry - timezone.now()).total_seconds()


def panel_json(client) -> dict:
    """Return the live panel's snapshot, as the panel's script reads it."""
    return client.get(reverse("panel")).json()


def lab_notices(response) -> str:
    """Return the lab's notices in the page's header, as one line."""
    return " ".join(
        p.get_text(" ", strip=True) for p in parse(response).select(".lab-notice")
    )


def new_session(data=None, expiry=None) -> SessionBase:
    """Save a session with data under the engine in SESSION_ENGINE."""
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session.update(data or {"username": "JohnDoe"})
    if expiry is not None:
        session.set_expiry(expiry)
    session.save()
    return session


def reopen(session: SessionBase) -> SessionBase:
    """Return a fresh store for the same key, as the next request would get."""
    return type(session)(session.session_key)


def post_try_it(client, url_name: str, data=None, **kwargs):
    """Press a lesson's POST try-it with data; return the response."""
    return client.post(reverse(url_name), data or {}, **kwargs)


def run_reading(client, url_name: str, **params):
    """Run a reading lesson's GET try-it; return the response."""
    return client.get(reverse(url_name), {"run": "1", **params})


def reading_result(client, url_name: str) -> str:
    """Run a reading lesson; return its own result line, not older messages."""
    page = parse(run_reading(client, url_name))
    return page.select_one(".outcome-line").get_text()


def returned(result: str) -> str:
    """Return what a call returned, from a result line "call → value"."""
    return result.rsplit("→ ", 1)[1]


def post_set_expiry(client, kind: str, **fields):
    """Press the set_expiry lesson's try-it with one of its forms."""
    return client.post(reverse("set_expiry"), {"kind": kind, **fields})


def local_input(moment) -> str:
    """Spell a moment as a datetime-local input does."""
    return moment.strftime("%Y-%m-%dT%H:%M")


def pretend_saved_long_ago(client, seconds_left: int) -> None:
    """Move the stored expiry close, as if the last save were long past."""
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() + timedelta(seconds=seconds_left)
    )


def expire_rows() -> None:
    """Move every row of django_session into the past."""
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))


def session_with_data(client) -> str:
    """Store one item through the pages; return the session key."""
    set_item(client, "username", "JohnDoe")
    return client.session.session_key


def use_engine(settings, engine: str) -> None:
    """Make engine the project's SESSION_ENGINE for this test."""
    settings.SESSION_ENGINE = engine_path(engine)


def store_on_engine_page(client, engine: str, key="username", value="JohnDoe"):
    """Run the db and file pages' try-it: store key = value."""
    return client.post(reverse(PAGES_OF_ENGINES[engine]), {"key": key, "value": value})


# The engines that keep the session on the server; signed_cookies keep it in
# the cookie itself.
SERVER_SIDE = ("db", "cache", "cached_db", "file", "user_db")


@contextmanager
def travel(seconds: float):
    """Move every clock a session reads (time.time, timezone.now) ahead."""
    # db and file compare with timezone.now(); caches and signatures use
    # time.time(). Both move, so every engine sees the same "later"; Redis
    # counts on its own clock, so its entries are aged instead.
    later = time.time() + seconds
    now = timezone.now() + timedelta(seconds=seconds)
    for cache in caches.all():
        if backends.is_redis(cache):
            backends.age(cache, seconds)
    with (
        mock.patch("time.time", return_value=later),
        mock.patch("django.utils.timezone.now", return_value=now),
    ):
        yield


class StandInUser:
    """What django.contrib.auth's login() reads of a user, and nothing more."""

    backend = "django.contrib.auth.backends.ModelBackend"
    last_login = None  # written by contrib.auth's update_last_login receiver

    class _meta:  # noqa: N801 (the name login() looks up)
        class pk:  # noqa: N801
            @staticmethod
            def value_to_string(user) -> str:
                return str(user.pk)

    def __init__(self, pk: int = 1):
        self.pk = pk

    def get_session_auth_hash(self) -> str:
        return f"hash-of-{self.pk}"

    def save(self, **kwargs) -> None:
        """Store nothing: a stand-in has no row in auth_user, and needs none."""


def respond(request) -> HttpResponse:
    """Let Django's SessionMiddleware answer a request, as after a view."""
    middleware = SessionMiddleware(lambda request: HttpResponse())
    return middleware.process_response(request, HttpResponse())


def log_in(rf, session: SessionBase, user) -> HttpRequest:
    """Log user in on a request carrying session, as a view would; answer it."""
    from django.contrib.auth import login

    request = rf.get("/")
    request.session = session
    login(request, user)
    respond(request)
    return request


def log_out(rf, session: SessionBase) -> HttpRequest:
    """Log out on a request carrying session, as a view would; answer it."""
    from django.contrib.auth import logout

    request = rf.get("/")
    request.session = session
    logout(request)
    respond(request)
    return request
