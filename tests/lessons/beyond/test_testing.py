"""
/beyond/testing/: how a test reaches the session. The page shows several of
these tests as its code samples: client.session, pytest-django's fixtures,
RequestFactory with SessionMiddleware, override_settings.
"""

import pytest
from django.conf import settings
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
)
from django.contrib.sessions.backends.signed_cookies import SessionStore as SignedStore
from django.contrib.sessions.middleware import SessionMiddleware
from django.contrib.sessions.models import Session
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.urls import path, reverse

from sessions_demo.lab.engines import ENGINES
from sessions_demo.lab.middleware import LabSessionMiddleware
from sessions_demo.lessons.beyond.testing import SEEN_KEY
from sessions_demo.lessons.start.how_sessions_work import count_visit
from tests.helpers import SERVER_SIDE, outcome, set_item

pytestmark = pytest.mark.django_db

AUTH_KEYS = (SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY)


def read_cart(client) -> str:
    """Read session["cart"] through the get lesson, as a page would."""
    return outcome(client.get(reverse("get"), {"run": "1", "key": "cart"}))


def remember(request: HttpRequest) -> HttpResponse:
    """Store a cart, with no lesson around it."""
    request.session["cart"] = [1]
    return HttpResponse()


# A URLconf of this module's own, for a client under Django's own middleware.
urlpatterns = [path("remember/", remember)]


class TestTheTestClient:
    def test_changing_client_session_directly_is_lost(self, client, engine):
        """client.session is a new object each time: a change to it is gone."""
        set_item(client)
        client.session["cart"] = [1, 2]
        assert "cart" not in client.session

    def test_keep_change_save(self, client, engine):
        """Keep the object, change it, save(): the next request sees it."""
        set_item(client)
        session = client.session
        session["cart"] = [1, 2]
        session.save()
        if engine == "signed_cookies":  # the saved data is a new cookie value
            client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
        assert "[1, 2]" in read_cart(client)

    def test_signed_cookies_need_the_new_cookie(self, client, settings):
        """signed_cookies: saved but not handed to the client, the change is lost."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
        set_item(client)
        session = client.session
        session["cart"] = [1, 2]
        session.save()
        assert "cart" not in client.session

    def test_reading_it_without_a_cookie_creates_a_session(self, client, engine):
        """With no cookie yet, client.session saves an empty session and sets one."""
        assert settings.SESSION_COOKIE_NAME not in client.cookies
        session = client.session
        assert client.cookies[settings.SESSION_COOKIE_NAME].value == session.session_key
        assert dict(session.items()) == {}

    def test_logout_forgets_every_cookie(self, client):
        """client.logout() flushes the session and drops all the client's cookies."""
        set_item(client)
        client.get(reverse("login"))  # sets the CSRF cookie
        assert len(client.cookies) >= 2
        client.logout()
        assert len(client.cookies) == 0


class TestPytestDjango:
    def test_client_and_settings_fixtures(self, client, settings):
        """pytest-django: a fresh client per test; settings undone afterwards."""
        settings.SESSION_COOKIE_AGE = 60
        response = client.post(reverse("setitem"), {"key": "cart", "value": "[1]"})
        assert response.cookies["sessionid"]["max-age"] == 60
        assert client.session["cart"] == [1]

    def test_force_login_puts_the_user_in_the_session(self, client, django_user_model):
        """force_login() runs login() without a password; the keys are there."""
        learner = django_user_model.objects.get(username="learner")
        client.force_login(learner)
        assert client.session[SESSION_KEY] == str(learner.pk)
        response = client.get(reverse("login"))
        assert b"You are logged in as <strong>learner</strong>" in response.content

    def test_force_login_logs_in_the_clients_own_session(self, client, engine):
        """force_login() logs in the session the cookie names: its data stays."""
        key = (
            client.post(reverse("setitem"), {"key": "cart", "value": "[1]"})
            .cookies["sessionid"]
            .value
        )
        client.force_login(get_user_model().objects.get(username="learner"))
        session = client.session
        assert session["cart"] == [1]
        assert set(AUTH_KEYS) <= set(session.keys())
        assert session.session_key != key  # a new key, as login() gives


class TestAViewAlone:
    def test_request_factory_and_session_middleware(self):
        """One view, no client: the middleware gives the request its session."""
        request = RequestFactory().post("/")
        middleware = SessionMiddleware(lambda request: HttpResponse())
        middleware.process_request(request)
        count_visit(request)  # the view of /start/how-sessions-work/
        response = middleware.process_response(request, HttpResponse())
        assert request.session["visits"] == 1
        assert response.cookies["sessionid"].value == request.session.session_key

    def test_without_middleware_there_is_no_session(self):
        """A RequestFactory request has no session: the view fails."""
        request = RequestFactory().post("/")
        with pytest.raises(AttributeError):
            count_visit(request)


class TestOverrideSettings:
    @override_settings(SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies")
    def test_override_settings_picks_the_engine(self, client):
        """Under override_settings the client's requests use that engine."""
        response = client.post(reverse("setitem"), {"key": "cart", "value": "[1]"})
        cookie = response.cookies["sessionid"].value
        assert SignedStore(cookie).load() == {"cart": [1]}  # the data is the cookie

    def test_a_client_keeps_the_engine_of_its_first_request(self, settings):
        """Django's SessionMiddleware is made at a client's first request, then kept."""
        settings.ROOT_URLCONF = __name__
        settings.MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]
        early = Client()
        early.get("/remember/")
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
        kept = early.get("/remember/").cookies["sessionid"].value
        made_now = Client().get("/remember/").cookies["sessionid"].value
        assert Session.objects.filter(pk=kept).exists()  # still db
        assert SignedStore(made_now).load() == {"cart": [1]}

    def test_the_engine_fixture_runs_six_engines(self):
        """The engine fixture runs a test on Django's five engines and user_db."""
        assert ENGINES == (
            "db",
            "cache",
            "cached_db",
            "file",
            "signed_cookies",
            "user_db",
        )

    def test_djangos_middleware_keeps_the_engine_it_was_made_with(self, settings):
        """SessionMiddleware imports the engine once; the lab's reads it per request."""
        django_s = SessionMiddleware(lambda request: HttpResponse())
        lab_s = LabSessionMiddleware(lambda request: HttpResponse())
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
        for middleware, module in [
            (django_s, "django.contrib.sessions.backends.db"),
            (lab_s, "django.contrib.sessions.backends.signed_cookies"),
        ]:
            request = RequestFactory().get("/")
            middleware.process_request(request)
            assert type(request.session).__module__ == module


class TestTheTryIt:
    def test_without_save_nothing_changes(self, client, engine):
        """A change to a new store, not saved, never reaches the session."""
        set_item(client)
        client.post(reverse("testing"), {})
        assert SEEN_KEY not in client.session

    @pytest.mark.parametrize("engine", SERVER_SIDE, indirect=True)
    def test_with_save_the_store_has_it(self, client, engine):
        """Saved, the change is in the store your cookie points at."""
        set_item(client)
        response = client.post(reverse("testing"), {"save": "on"})
        assert client.session[SEEN_KEY] is True
        assert "session.save()" in outcome(client.get(response.url))

    def test_signed_cookies_save_goes_nowhere(self, client, settings):
        """signed_cookies: the saved data is a cookie your browser never got."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
        set_item(client)
        response = client.post(reverse("testing"), {"save": "on"})
        assert "sessionid" not in response.cookies
        assert SEEN_KEY not in client.session

    def test_without_a_session_it_says_so(self, client):
        """No key yet: nothing to open."""
        response = client.post(reverse("testing"), {"save": "on"})
        assert "no session yet" in outcome(client.get(response.url))
