"""
/engines/signed-cookies/: the data travels in the cookie; signed, readable,
and only the cookie age enforced by the server.
"""

import base64
import json
import os
import time
import zlib
from datetime import timedelta
from unittest.mock import patch

import pytest
from django.contrib.sessions.backends.signed_cookies import SessionStore as SignedStore
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.urls import reverse

from sessions_demo.lessons.engines import PADDING
from sessions_demo.panel import exchange
from sessions_demo.panel.stored import COOKIE_LIMIT
from tests import backends
from tests.helpers import new_session, outcome, parse, reopen, use_engine


def reopen_cookie(cookie: str) -> dict:
    """Load what a signed cookie holds, as the next request would."""
    return SignedStore(cookie).load()


pytestmark = pytest.mark.django_db


class TestSignedCookiesEngine:
    def test_nothing_is_stored_on_the_server(self, client, settings):
        """signed_cookies: no row, no file, no cache entry; the cookie is the data."""
        use_engine(settings, "signed_cookies")
        client.post(reverse("setitem"), {"key": "username", "value": "JohnDoe"})
        assert Session.objects.count() == 0
        assert os.listdir(settings.SESSION_FILE_PATH) == []
        # The course's own record of the HTTP exchange is in the cache; nothing else.
        entries = [key for cache in caches.all() for key in backends.keys(cache)]
        assert [key for key in entries if exchange.CACHE_KEY_PREFIX not in key] == []
        assert client.session["username"] == "JohnDoe"

    def test_payload_is_readable_without_the_key(self, client, settings):
        """signed_cookies: base64 and zlib alone reveal the data: no secret needed."""
        use_engine(settings, "signed_cookies")
        client.post(reverse("setitem"), {"key": "secret", "value": "hunter2" * 5})
        payload = client.cookies["sessionid"].value.split(":")[0]
        raw = base64.urlsafe_b64decode(payload.lstrip(".") + "==")
        data = zlib.decompress(raw) if payload.startswith(".") else raw
        assert json.loads(data) == {"secret": "hunter2" * 5}

    def test_tampered_cookie_starts_afresh(self, client, settings):
        """signed_cookies: a changed cookie fails the signature: empty session."""
        use_engine(settings, "signed_cookies")
        client.post(reverse("setitem"), {"key": "is_admin", "value": "false"})
        cookie = client.cookies["sessionid"].value
        forged = base64.urlsafe_b64encode(b'{"is_admin":true}').decode().rstrip("=")
        client.cookies["sessionid"] = forged + cookie[cookie.index(":") :]
        data = client.get(reverse("panel")).json()
        assert data["data"] == {}
        assert data["storage"]["valid"] is False

    def test_old_cookie_still_works_after_flush(self, client, settings):
        """signed_cookies: after flush() a copied cookie still carries the session."""
        use_engine(settings, "signed_cookies")
        client.post(reverse("setitem"), {"key": "username", "value": "JohnDoe"})
        stolen = client.cookies["sessionid"].value
        response = client.get(reverse("delete_session"))
        assert response.cookies["sessionid"].value == ""
        client.cookies["sessionid"] = stolen
        assert client.get(reverse("panel")).json()["data"] == {"username": "JohnDoe"}

    def test_server_enforces_only_the_cookie_age(self, settings):
        """signed_cookies: a 60-day set_expiry still ends at signing + cookie age."""
        use_engine(settings, "signed_cookies")
        signed_long_ago = time.time() - settings.SESSION_COOKIE_AGE - 60
        with patch("django.core.signing.time.time", return_value=signed_long_ago):
            session = new_session(expiry=timedelta(days=60))
            session._session_key = session._get_session_key()
        assert reopen(session).load() == {}

    def test_grow_refuses_past_the_browser_limit(self, client, settings):
        """signed_cookies: the try-it grows the cookie, and refuses past 4096 bytes."""
        use_engine(settings, "signed_cookies")
        url = reverse("engine_signed_cookies")
        response = client.post(url, {"characters": "1000"})
        assert response.status_code == 302
        size = len("sessionid" + response.cookies["sessionid"].value)
        assert 1000 < size < COOKIE_LIMIT
        # What the try-it said is what the cookie sent takes, name and value.
        said = outcome(client.get(response.url))
        assert f"the signed cookie takes {size} of {COOKIE_LIMIT} bytes" in said
        for _ in range(2):
            client.post(url, {"characters": "1000"})
        before = client.cookies["sessionid"].value
        response = client.post(url, {"characters": "1000"})
        assert response.status_code == 400
        assert "over the 4096 bytes browsers keep" in outcome(response)
        assert "sessionid" not in response.cookies
        assert client.cookies["sessionid"].value == before
        assert len(client.session[PADDING]) == 3000

    @pytest.mark.parametrize("characters", ["0", "2001", "true", "x"])
    def test_grow_rejects_bad_numbers(self, client, settings, characters):
        """signed_cookies: the size must be a whole number from 1 to 2000."""
        use_engine(settings, "signed_cookies")
        response = client.post(
            reverse("engine_signed_cookies"), {"characters": characters}
        )
        assert response.status_code == 400
        assert parse(response).select_one(".try-it .errorlist")
        assert "sessionid" not in response.cookies

    def test_only_a_new_secret_key_ends_every_session(self, settings):
        """signed_cookies: a new SECRET_KEY ends them all, unless kept as a fallback."""
        use_engine(settings, "signed_cookies")
        cookie = new_session().session_key
        old_key, settings.SECRET_KEY = settings.SECRET_KEY, "another-secret-" + "k" * 40
        assert reopen_cookie(cookie) == {}
        settings.SECRET_KEY_FALLBACKS = [old_key]
        assert reopen_cookie(cookie) == {"username": "JohnDoe"}

    def test_a_dot_marks_a_compressed_payload(self, settings):
        """signed_cookies: zlib is used only when it makes the payload shorter."""
        use_engine(settings, "signed_cookies")
        short = new_session({"n": 1}).session_key
        long = new_session({"text": "JohnDoe" * 50}).session_key
        assert not short.startswith(".")
        assert long.startswith(".")
        assert len(long) < len(json.dumps({"text": "JohnDoe" * 50}))
