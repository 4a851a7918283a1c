"""
/beyond/security/: the deployment checks Django runs on the session
cookie, and what login and logout do to the key.
"""

from types import SimpleNamespace
from unittest import mock

import pytest
from django.core.checks.security import sessions as session_checks
from django.urls import reverse

from tests.helpers import (
    StandInUser,
    log_in,
    log_out,
    new_session,
    outcome,
    reopen,
)

pytestmark = pytest.mark.django_db

DJANGO_MIDDLEWARE = "django.contrib.sessions.middleware.SessionMiddleware"
NEW_SECRET_KEY = "a-brand-new-secret-key-" + "x" * 40


def stored_where_signed(session):
    """cached_db: drop the cache's unsigned copy, so the signed row is read."""
    if hasattr(session, "cache_key") and hasattr(session, "model"):
        session._cache.delete(session.cache_key)
    return session


class TestSecurity:
    def test_insecure_cookie_is_reported(self, client, settings):
        """Without SESSION_COOKIE_SECURE, Django warns (here security.W010)."""
        settings.SESSION_COOKIE_SECURE = False
        response = client.get(reverse("security"), {"run": "1"})
        assert "security.W010: You have 'django.contrib.sessions' in your" in outcome(
            response
        )

    def test_script_readable_cookie_is_reported(self, client, settings):
        """Without SESSION_COOKIE_HTTPONLY, Django warns (here security.W013)."""
        settings.SESSION_COOKIE_HTTPONLY = False
        response = client.get(reverse("security"), {"run": "1"})
        assert "security.W013" in outcome(response)

    def test_checks_look_for_djangos_own_middleware_path(self, client, settings):
        """With stock SessionMiddleware listed, the same problem is security.W012."""
        settings.MIDDLEWARE = [
            "django.contrib.sessions.middleware.SessionMiddleware"
            if name.endswith("LabSessionMiddleware")
            else name
            for name in settings.MIDDLEWARE
        ]
        response = client.get(reverse("security"), {"run": "1"})
        assert "security.W012" in outcome(response)

    def test_secure_httponly_cookie_passes(self, client, settings):
        """Secure and HttpOnly together leave no session warning."""
        settings.SESSION_COOKIE_SECURE = True
        settings.SESSION_COOKIE_HTTPONLY = True
        response = client.get(reverse("security"), {"run": "1"})
        assert "No session warnings." in outcome(response)

    @pytest.mark.parametrize(
        ("app", "middleware", "warnings"),
        [
            (True, False, ["security.W010", "security.W013"]),
            (False, True, ["security.W011", "security.W014"]),
            (True, True, ["security.W012", "security.W015"]),
            (False, False, []),
        ],
    )
    def test_which_warning_depends_on_app_and_middleware(
        self, app, middleware, warnings
    ):
        """The app alone gives W010/W013, the middleware W011/W014, both W012/W015."""
        found = SimpleNamespace(
            INSTALLED_APPS=["django.contrib.sessions"] if app else [],
            MIDDLEWARE=[DJANGO_MIDDLEWARE] if middleware else [],
            SESSION_COOKIE_SECURE=False,
            SESSION_COOKIE_HTTPONLY=False,
        )
        with mock.patch.object(session_checks, "settings", found):
            ids = [
                warning.id
                for check in (
                    session_checks.check_session_cookie_secure,
                    session_checks.check_session_cookie_httponly,
                )
                for warning in check(None)
            ]
        assert ids == warnings

    def test_login_cycles_the_key_and_logout_flushes(self, rf, engine):
        """login() gives the session a new key; logout() empties it and drops it."""
        session = new_session()
        logged_in = log_in(rf, reopen(session), StandInUser()).session
        logged_out = log_out(rf, reopen(logged_in)).session
        assert logged_in.session_key not in (None, session.session_key)
        assert logged_out.session_key is None and logged_out.is_empty()

    def test_a_new_secret_key_empties_the_signed_sessions(self, settings, engine):
        """A new SECRET_KEY empties every signed session; the cache engine's lives."""
        session = stored_where_signed(new_session())
        settings.SECRET_KEY = NEW_SECRET_KEY
        assert (reopen(session).load() == {}) is (engine != "cache")

    def test_secret_key_fallbacks_keep_sessions_alive(self, settings, engine):
        """With the old key in SECRET_KEY_FALLBACKS every session still loads."""
        session = stored_where_signed(new_session())
        settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
        settings.SECRET_KEY = NEW_SECRET_KEY
        assert reopen(session).load() == {"username": "JohnDoe"}
