"""
/beyond/security/: the deployment checks Django runs on the session
cookie, and what login and logout do to the key.
"""

import inspect

import pytest
from django.contrib import auth
from django.urls import reverse

from tests.helpers import outcome

pytestmark = pytest.mark.django_db


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

    def test_login_cycles_the_key_and_logout_flushes(self):
        """django.contrib.auth's login() calls cycle_key(); logout() calls flush()."""
        assert "request.session.cycle_key()" in inspect.getsource(auth.login)
        assert "request.session.flush()" in inspect.getsource(auth.logout)

    def test_secret_key_fallbacks_keep_sessions_alive(self, client, settings):
        """A session signed with a retired SECRET_KEY still loads via FALLBACKS."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
        client.post(reverse("setitem"), {"key": "username", "value": "JohnDoe"})
        old_key = settings.SECRET_KEY
        settings.SECRET_KEY = "a-brand-new-secret-key-" + "x" * 40
        assert "username" not in client.session
        settings.SECRET_KEY_FALLBACKS = [old_key]
        assert client.session["username"] == "JohnDoe"
