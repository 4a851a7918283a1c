"""
Bad and forged cookies: the lab's, the session's, the exchange's, the
messages' and CSRF's. A cookie the site cannot trust is ignored with a notice
or a 403, never a 500; the lab cookie is bounded before anything decodes it.
"""

import zlib

import pytest
from django.core import signing
from django.urls import reverse

from sessions_demo.lab import profile
from sessions_demo.lab.profile import (
    LAB_COOKIE_MAX_BYTES,
    LAB_COOKIE_MAX_CHARS,
    LAB_COOKIE_NAME,
    LAB_COOKIE_SALT,
)
from sessions_demo.panel.exchange import VISITOR_COOKIE, visitor_id
from tests.helpers import change_lab, lab_notices, panel_json, parse, set_item

pytestmark = pytest.mark.django_db


def signed_payload(raw: bytes, compressed: bool = True) -> str:
    """Sign raw bytes as the lab cookie, as someone holding the secret could."""
    data = zlib.compress(raw) if compressed else raw
    payload = ("." if compressed else "") + signing.b64_encode(data).decode()
    return signing.TimestampSigner(salt=LAB_COOKIE_SALT).sign(payload)


class TestForgedLabCookies:
    @pytest.mark.parametrize(
        ("value", "reason"),
        [
            ("A" * 60_000, f"longer than {LAB_COOKIE_MAX_CHARS} characters"),
            ("garbage:with:colons", "signature is wrong"),
            (signed_payload(b"not zlib at all", compressed=False), "could not be read"),
            (
                signing.TimestampSigner(salt=LAB_COOKIE_SALT).sign(".!!!not base64"),
                "could not be read",
            ),
            (
                signing.TimestampSigner(salt=LAB_COOKIE_SALT).sign(
                    "." + signing.b64_encode(b"corrupt zlib").decode()
                ),
                "could not be read",
            ),
            (
                signed_payload(b'{"engine": "' + b"x" * 1_000_000 + b'"}'),
                f"holds more than {LAB_COOKIE_MAX_BYTES} bytes",
            ),
            (signed_payload(b'["a", "list"]'), "not a set of settings"),
            (signed_payload(b'{"engine": "os.system"}'), "Unknown engine"),
        ],
        ids=[
            "60 KB",
            "unsigned",
            "not JSON",
            "not base64",
            "corrupt zlib",
            "zlib bomb",
            "a list",
            "a module path",
        ],
    )
    def test_ignored_with_a_notice(self, visitor, value, reason):
        """The site falls back to the project's settings and says why."""
        visitor.cookies[LAB_COOKIE_NAME] = value
        response = visitor.get(reverse("setitem"))
        assert response.status_code == 200
        assert reason in lab_notices(response)
        assert panel_json(visitor)["engine"] == "db"

    def test_a_bomb_too_long_to_decode_is_not_decoded(self, visitor):
        """A 52 KB signed zlib bomb is refused by its length, before any inflating."""
        bomb = signed_payload(b'{"a": "' + b"x" * 60_000_000 + b'"}')
        assert len(bomb) > LAB_COOKIE_MAX_CHARS
        visitor.cookies[LAB_COOKIE_NAME] = bomb
        assert "longer than" in lab_notices(visitor.get(reverse("setitem")))

    def test_forged_cookies_are_not_remembered(self, visitor):
        """Only a cookie that passed every check is kept in the lab's memo."""
        profile._unsign.cache_clear()
        for number in range(20):
            visitor.cookies[LAB_COOKIE_NAME] = signed_payload(b"[%d]" % number)
            visitor.get(reverse("panel"))
        assert profile._unsign.cache_info().currsize == 0

    def test_longest_real_cookie_fits_the_bounds(self, client, settings):
        """Every setting changed, at its longest: well inside both bounds."""
        settings.ALLOWED_HOSTS = [".example.org"]
        domain = ".".join(["a" * 60] * 3) + ".example.org"
        response = change_lab(
            client,
            host=domain,
            engine="cached_db",
            cache_alias="sessions",
            cookie_age="31536000",
            cookie_domain=domain,
            cookie_httponly="false",
            cookie_name="n" * 40,
            cookie_path="/" + "p" * 100,
            cookie_samesite="None",
            cookie_secure="true",
            expire_at_browser_close="true",
            file_path=str(settings.LAB_SESSION_FILE_PATHS[0]),
            save_every_request="true",
            serializer="rich",
        )
        assert response.status_code == 302
        value = response.cookies[LAB_COOKIE_NAME].value
        assert len(value) < LAB_COOKIE_MAX_CHARS / 2
        assert len(profile.differences(_read(value))) == 13


def _read(value: str) -> profile.Profile:
    """Read a lab cookie back into a profile, through every check."""
    texts = profile._unsign(value)
    host = dict(texts).get("cookie_domain", "")
    return profile._apply(profile.project_profile(), texts, host)


class TestReservedNames:
    @pytest.mark.parametrize(
        "name", ["course_visitor", "csrftoken", "messages", "sessions_lab", "djdt"]
    )
    def test_the_sites_own_cookies_are_not_offered(self, visitor, name):
        """The session cookie may not take a name another cookie here uses."""
        response = change_lab(visitor, cookie_name=name)
        assert response.status_code == 400
        assert "already the name of another cookie here" in parse(response).text
        assert LAB_COOKIE_NAME not in response.cookies

    def test_the_toolbars_cookies_are_not_offered(self, visitor):
        """Any name starting djdt is the debug toolbar's."""
        assert change_lab(visitor, cookie_name="djdtSessionPanel").status_code == 400

    def test_the_exchange_cache_is_not_offered(self, visitor):
        """Sessions may not go to the cache of the HTTP exchange record."""
        response = change_lab(visitor, engine="cache", cache_alias="exchange")
        assert response.status_code == 400
        assert "No cache is configured as 'exchange'" in parse(response).text


class TestOtherCookies:
    @pytest.mark.parametrize(
        "value",
        [
            "../../etc/passwd",
            "a" * 5000,
            # UTF-8 as it arrives: a header is bytes, WSGI reads them as latin-1.
            "ключ-сессии".encode().decode("latin-1"),
            "x;y=z",
            "\\x00" * 10,
            "",
        ],
    )
    # A 5000-character key is only ever looked up, never stored; Django warns
    # that memcached would refuse it (and its cache engine copes if it does).
    @pytest.mark.filterwarnings("ignore::django.core.cache.CacheKeyWarning")
    def test_odd_session_cookie(self, visitor, engine, value):
        """Any session cookie on any engine: no session, and a new one works."""
        visitor.cookies["sessionid"] = value
        assert visitor.get(reverse("setitem")).status_code == 200
        assert visitor.get(reverse("panel")).status_code == 200
        assert set_item(visitor, "k", "v").status_code == 302
        assert panel_json(visitor)["data"] == {"k": "v"}

    def test_forged_signed_cookie_session(self, visitor, settings):
        """signed_cookies: a cookie with a bad signature is an empty session."""
        change_lab(visitor, engine="signed_cookies")
        visitor.cookies["sessionid"] = signing.dumps(
            {"_auth_user_id": "1"}, key="not-the-secret", salt="whatever"
        )
        assert panel_json(visitor)["data"] == {}
        assert visitor.get(reverse("engine_signed_cookies")).status_code == 200

    @pytest.mark.parametrize("value", ["x" * 5000, "short", "!" * 22])
    def test_odd_visitor_cookie_gets_a_new_id(self, visitor, value):
        """An exchange id that is not ours is replaced, never used."""
        visitor.cookies[VISITOR_COOKIE] = value
        response = visitor.get(reverse("setitem"))
        assert response.status_code == 200
        assert response.cookies[VISITOR_COOKIE].value != value

    @pytest.mark.parametrize("value", ["garbage", "a" * 10_000, '[["__json_message"]]'])
    def test_odd_messages_cookie(self, visitor, value):
        """A messages cookie that is not the site's is ignored."""
        visitor.cookies["messages"] = value
        assert visitor.get(reverse("setitem")).status_code == 200
        assert set_item(visitor, "k", "v").status_code == 302

    def test_odd_csrf_cookie(self):
        """A CSRF cookie that is not the site's: the POST gets a 403, not a 500."""
        from tests.abuse.conftest import Stranger

        strict = Stranger(enforce_csrf_checks=True)
        strict.cookies["csrftoken"] = "\u00ff" * 64
        response = strict.post(
            reverse("setitem"),
            {"key": "k", "value": "v", "csrfmiddlewaretoken": "x" * 64},
        )
        assert response.status_code == 403
        assert visitor_id(response.wsgi_request) is None
