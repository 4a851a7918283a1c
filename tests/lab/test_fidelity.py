"""
The lab's middleware is Django's, proven side by side.

Each scenario runs twice: through Django's own SessionMiddleware under
override_settings(<the profile as settings>), and through LabSessionMiddleware
with the same profile carried by the lab cookie. Both sides start from their
own session (written by their own middleware) and must answer alike: the same
Set-Cookie attributes, the same cookie deletions, the same Vary, the same
exception, and the same data and expiry in the engine's store.
"""

from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from importlib import import_module

import pytest
from django.contrib.sessions.backends.file import SessionStore as FileSessionStore
from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone

from sessions_demo.lab.engines import ENGINES, engine_path, short_name
from sessions_demo.lab.middleware import LabSessionMiddleware
from sessions_demo.lab.profile import LAB_COOKIE_NAME, Profile, sign
from tests import backends

pytestmark = pytest.mark.django_db

HOST = "www.example.com"

COOKIE_ATTRIBUTES = ("max-age", "domain", "path", "secure", "httponly", "samesite")

START = {"colour": "green", "count": 1}


def profiles(alt_folder: str) -> dict[str, Callable[[Profile], Profile]]:
    """Return named changes to the project's profile, one per test case."""
    return {
        "project": lambda p: p,
        "cookie-attributes": lambda p: replace(
            p,
            cookie_age=300,
            cookie_httponly=False,
            cookie_name="labsid",
            cookie_path="/app/",
            cookie_domain=".example.com",
            cookie_samesite="Strict",
            cookie_secure=True,
        ),
        "browser-close": lambda p: replace(
            p,
            expire_at_browser_close=True,
            cookie_samesite=False,
            serializer="sessions_demo.serializers.RichJSONSerializer",
            cache_alias="sessions",
        ),
        "save-every-request": lambda p: replace(
            p, save_every_request=True, cookie_age=60, file_path=alt_folder
        ),
        "every-request-and-close": lambda p: replace(
            p,
            save_every_request=True,
            expire_at_browser_close=True,
            cookie_samesite="None",
            cookie_secure=True,
            cookie_name="other",
        ),
    }


def untouched(request: HttpRequest) -> HttpResponse:
    return HttpResponse("untouched")


def write(request: HttpRequest) -> HttpResponse:
    request.session["colour"] = "blue"
    return HttpResponse("written")


def read_only(request: HttpRequest) -> HttpResponse:
    return HttpResponse(request.session.get("colour", ""))


def empty_it(request: HttpRequest) -> HttpResponse:
    for key in list(request.session.keys()):
        del request.session[key]
    return HttpResponse("emptied")


def flush(request: HttpRequest) -> HttpResponse:
    request.session.flush()
    return HttpResponse("flushed")


def cycle_key(request: HttpRequest) -> HttpResponse:
    request.session.cycle_key()
    return HttpResponse("cycled")


def expiry(value: object) -> Callable[[HttpRequest], HttpResponse]:
    def view(request: HttpRequest) -> HttpResponse:
        request.session.set_expiry(value() if callable(value) else value)
        return HttpResponse("expiry set")

    return view


def server_error(request: HttpRequest) -> HttpResponse:
    request.session["colour"] = "red"
    return HttpResponse("failed", status=500)


def deleted_meanwhile(request: HttpRequest) -> HttpResponse:
    # Another request (a logout, say) deletes the session while this one runs,
    # after this one has loaded it.
    request.session.get("colour")
    type(request.session)().delete(request.session.session_key)
    request.session["colour"] = "late"
    return HttpResponse("too late")


SCENARIOS: dict[str, tuple[Callable, bool]] = {
    # name: (view, whether the visitor already has a session)
    "new-session-written": (write, False),
    "new-visitor-untouched": (untouched, False),
    "new-visitor-reads": (read_only, False),
    "write": (write, True),
    "read-only": (read_only, True),
    "untouched": (untouched, True),
    # Deleting every key leaves a session with a key: Django saves it, empty.
    "all-keys-deleted": (empty_it, True),
    "flush": (flush, True),
    "cycle-key": (cycle_key, True),
    "set-expiry-int": (expiry(120), True),
    "set-expiry-zero": (expiry(0), True),
    "set-expiry-none": (expiry(None), True),
    "set-expiry-timedelta": (expiry(timedelta(minutes=7)), True),
    "set-expiry-datetime": (expiry(lambda: timezone.now() + timedelta(hours=3)), True),
    "server-error": (server_error, True),
    "deleted-meanwhile": (deleted_meanwhile, True),
}


def seed(request: HttpRequest) -> HttpResponse:
    request.session.update(START)
    return HttpResponse("seeded")


@dataclass
class Outcome:
    cookies: dict[str, dict[str, object]]
    vary: str | None
    error: type | None
    stored: list[dict[str, object]]


class Side:
    """One middleware, run with one profile: Django's or the lab's."""

    def __init__(self, profile: Profile, lab: bool):
        self.profile = profile
        self.lab = lab

    def request(self, cookies: dict[str, str]) -> HttpRequest:
        request = RequestFactory().get(self.profile.cookie_path, HTTP_HOST=HOST)
        request.COOKIES.update(cookies)
        if self.lab:
            request.COOKIES[LAB_COOKIE_NAME] = sign(self.profile)
        return request

    def run(self, view: Callable, cookies: dict[str, str]):
        request = self.request(cookies)
        with self.settings():
            middleware = (LabSessionMiddleware if self.lab else SessionMiddleware)(view)
            try:
                response = middleware(request)
            except SessionInterrupted as error:
                return None, type(error)
        # The lab's side really ran with the profile, not the fallback.
        assert getattr(request, "lab_problem", None) is None
        return response, None

    def settings(self):
        # Django's side reads settings; the lab's runs on the project's own.
        if self.lab:
            return nullcontext()
        _forget_file_folder()
        return override_settings(**self.profile.as_settings())

    def stored(self, key: str | None) -> dict[str, object]:
        """Return what the engine holds for a key, read by Django's own store."""
        with override_settings(**self.profile.as_settings()):
            _forget_file_folder()
            store = import_module(self.profile.engine).SessionStore(key)
            engine = short_name(self.profile.engine)
            found = {"exists": bool(key) and store.exists(key), "data": store.load()}
            if hasattr(store, "get_model_class") and key:  # db, cached_db, user_db
                row = store.get_model_class().objects.filter(session_key=key).first()
                found["expire_date"] = row and row.expire_date
            if engine == "cache" and key:
                found["expire_date"] = backends.deadline(
                    caches[self.profile.cache_alias], store.cache_key_prefix + key
                )
            _forget_file_folder()
            return found


def _forget_file_folder() -> None:
    # Django's file engine remembers its folder on the class; profiles differ.
    if "_storage_path" in vars(FileSessionStore):
        del FileSessionStore._storage_path


def scenario_outcome(side: Side, view: Callable, has_session: bool) -> Outcome:
    cookies: dict[str, str] = {}
    if has_session:
        seeded, _ = side.run(seed, {})
        cookies[side.profile.cookie_name] = seeded.cookies[
            side.profile.cookie_name
        ].value
    response, error = side.run(view, cookies)
    keys = [cookies.get(side.profile.cookie_name)]
    if response is not None and side.profile.cookie_name in response.cookies:
        keys.append(response.cookies[side.profile.cookie_name].value)
    return Outcome(
        cookies={} if response is None else _cookies(response),
        vary=None if response is None else response.get("Vary"),
        error=error,
        stored=[side.stored(key) for key in keys],
    )


def _cookies(response: HttpResponse) -> dict[str, dict[str, object]]:
    found = {}
    for name, morsel in response.cookies.items():
        attributes = {attribute: morsel[attribute] for attribute in COOKIE_ATTRIBUTES}
        attributes["has value"] = bool(morsel.value)
        attributes["expires"] = morsel["expires"]
        found[name] = attributes
    return found


def assert_same(django: Outcome, lab: Outcome) -> None:
    assert django.error is lab.error
    assert django.vary == lab.vary
    assert set(django.cookies) == set(lab.cookies)
    for name, theirs in django.cookies.items():
        ours = lab.cookies[name]
        assert _close_dates(theirs.pop("expires"), ours.pop("expires")), name
        assert theirs == ours, name
    assert len(django.stored) == len(lab.stored)
    for theirs, ours in zip(django.stored, lab.stored, strict=True):
        assert theirs["exists"] == ours["exists"]
        theirs_data, ours_data = dict(theirs["data"]), dict(ours["data"])
        # A fixed expiry is "now + delta", taken a few milliseconds apart.
        their_expiry = theirs_data.pop("_session_expiry", None)
        our_expiry = ours_data.pop("_session_expiry", None)
        if isinstance(their_expiry, str):
            assert _close_dates(their_expiry, our_expiry)
        else:
            assert their_expiry == our_expiry
        assert theirs_data == ours_data
        assert _close_dates(theirs.get("expire_date"), ours.get("expire_date"))


def _close_dates(theirs: object, ours: object) -> bool:
    if not theirs or not ours:
        return theirs == ours
    # HTTP dates have whole seconds: instants ms apart can straddle one.
    return abs(_moment(theirs) - _moment(ours)) <= 1.0


def _moment(value: object) -> float:
    if isinstance(value, datetime):
        return value.timestamp()
    if isinstance(value, int | float):
        return float(value)
    try:
        return datetime.fromisoformat(str(value)).timestamp()
    except ValueError:
        return parsedate_to_datetime(str(value)).timestamp()


@pytest.fixture
def alt_folder(settings, tmp_path) -> str:
    """An extra folder the project offers the file engine, as LAB_SESSION_FILE_PATHS."""
    folder = tmp_path / "alt-sessions"
    folder.mkdir()
    settings.LAB_SESSION_FILE_PATHS = [str(folder)]
    settings.ALLOWED_HOSTS = [".example.com"]
    return str(folder)


@pytest.mark.parametrize("profile_name", list(profiles("")))
@pytest.mark.parametrize("engine_name", ENGINES)
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_lab_middleware_answers_like_djangos(
    scenario: str, engine_name: str, profile_name: str, alt_folder: str
):
    """Under the same settings, Django's middleware and the lab's answer alike."""
    change = profiles(alt_folder)[profile_name]
    profile = change(replace(Profile.from_settings(), engine=engine_path(engine_name)))
    view, has_session = SCENARIOS[scenario]
    django = scenario_outcome(Side(profile, lab=False), view, has_session)
    lab = scenario_outcome(Side(profile, lab=True), view, has_session)
    assert_same(django, lab)


def test_scenarios_reach_every_branch_of_the_middleware(alt_folder):
    """The scenarios delete cookies, vary, skip saving on 5xx and get interrupted."""
    profile = replace(Profile.from_settings(), engine=engine_path("db"))
    django = Side(profile, lab=False)

    def outcome(name: str) -> Outcome:
        view, has_session = SCENARIOS[name]
        return scenario_outcome(django, view, has_session)

    flushed = outcome("flush").cookies["sessionid"]
    assert (flushed["max-age"], flushed["has value"]) == (0, False)
    assert outcome("all-keys-deleted").cookies["sessionid"]["has value"] is True
    read = outcome("read-only")
    assert (read.cookies, read.vary) == ({}, "Cookie")
    failed = outcome("server-error")
    assert failed.cookies == {}
    assert failed.stored[0]["data"] == START
    assert outcome("deleted-meanwhile").error is SessionInterrupted
    assert outcome("untouched").vary is None


def test_the_comparison_can_fail(alt_folder):
    """A real difference (another cookie age) is caught by the comparison."""
    profile = replace(Profile.from_settings(), engine=engine_path("db"))
    django = scenario_outcome(Side(profile, lab=False), write, False)
    lab = scenario_outcome(
        Side(replace(profile, cookie_age=99), lab=True), write, False
    )
    with pytest.raises(AssertionError):
        assert_same(django, lab)


def test_without_a_lab_cookie_the_site_runs_on_settings(client, engine):
    """No lab cookie: the session store and cookie follow settings exactly."""
    response = client.post(reverse("setitem"), {"key": "k", "value": "v"})
    cookie = response.cookies["sessionid"]
    assert cookie["max-age"] == 1209600
    assert cookie["samesite"] == "Lax"
    assert cookie["httponly"] is True
    assert client.session["k"] == "v"


def test_every_profile_field_is_varied():
    """The spread of profiles changes every setting at least once."""
    project = Profile.from_settings()
    changed = set()
    for change in profiles("/elsewhere").values():
        changed |= {
            name
            for name, value in vars(change(project)).items()
            if value != getattr(project, name)
        }
    assert changed | {"engine"} == set(vars(project))
