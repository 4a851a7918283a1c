"""
The setting pages of the guide's §4: each setting's effect on the visitor's own
responses, changed through the lab (end to end) or through `settings` (stock
Django), and seen in the Set-Cookie header, the store and the page. What a real
browser does with the cookie: tests/browser/test_session_settings.py.
"""

import os
import time
from datetime import timedelta

import django
import pytest
from django.conf import global_settings
from django.contrib.sessions import serializers
from django.contrib.sessions.backends.cache import KEY_PREFIX
from django.contrib.sessions.backends.db import SessionStore as DbStore
from django.contrib.sessions.backends.file import SessionStore as FileStore
from django.contrib.sessions.backends.signed_cookies import (
    SessionStore as SignedCookieStore,
)
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sessions_demo import course
from sessions_demo.lab.profile import LAB_COOKIE_NAME
from sessions_demo.lessons.session_settings import SAVES_KEY
from sessions_demo.setting_pages import field_of

from .conftest import parse

pytestmark = pytest.mark.django_db

SETTING_LESSONS = next(s for s in course.SECTIONS if s.slug == "settings").lessons


def url(setting: str) -> str:
    """Return a setting's page: SESSION_COOKIE_AGE → /settings/session-cookie-age/."""
    return reverse(setting.lower())


def lab(client, host="testserver", **fields):
    """Change the visitor's settings in the lab, as the page's control does."""
    return client.post(reverse("lab"), {**fields, "next": "/"}, HTTP_HOST=host)


def save(client, setting="SESSION_COOKIE_AGE"):
    """Press a setting page's "Save my session"; return the response."""
    return client.post(url(setting))


def seconds_left(session_key: str) -> float:
    """Return how long the db store keeps this session from now."""
    expiry = Session.objects.get(session_key=session_key).expire_date
    return (expiry - timezone.now()).total_seconds()


def page(client, setting):
    return parse(client.get(url(setting)))


def text(node) -> str:
    return node.get_text(" ", strip=True)


def outcome(client, setting) -> str:
    response = client.post(url(setting), follow=True)
    return text(parse(response).select_one(".outcome"))


# A valid value, other than the project's, for every setting the lab can change.
ALTERNATIVES = {
    "cache_alias": ("sessions", "'sessions'"),
    "cookie_age": ("3600", "3600"),
    "cookie_domain": ("testserver", "'testserver'"),
    "cookie_httponly": ("false", "False"),
    "cookie_name": ("custom_sessionid", "'custom_sessionid'"),
    "cookie_path": ("/settings/", "'/settings/'"),
    "cookie_samesite": ("Strict", "'Strict'"),
    "cookie_secure": ("true", "True"),
    "engine": ("cache", "'django.contrib.sessions.backends.cache'"),
    "expire_at_browser_close": ("true", "True"),
    "file_path": None,  # the second folder the project offers, see below
    "save_every_request": ("true", "True"),
    "serializer": ("rich", "'sessions_demo.serializers.RichJSONSerializer'"),
}


def alternative(field, settings):
    if field == "file_path":
        folder = str(settings.LAB_SESSION_FILE_PATHS[0])
        return folder, repr(folder)
    return ALTERNATIVES[field]


@pytest.mark.parametrize("lesson", SETTING_LESSONS, ids=lambda lesson: lesson.slug)
class TestSettingPage:
    def test_shows_default_project_and_visitor_value(self, client, lesson, settings):
        """The page shows Django's default, the project's value and the visitor's."""
        setting = lesson.title
        cells = [text(td) for td in page(client, setting).select(".setting-values td")]
        project = getattr(settings, setting)
        assert cells[0] == _python(getattr(global_settings, setting))
        assert cells[1] == _python(project)
        assert cells[2] == cells[1]

    def test_control_changes_it_for_this_visitor_only(self, client, lesson, settings):
        """The page's control posts to the lab and changes only this visitor's value."""
        field = field_of(lesson.slug)
        form = page(client, lesson.title).select_one("form.setting-control")
        assert form["action"] == reverse("lab")
        assert form.select_one(f"[name={field}]")
        back = form.select_one("[name=next]")["value"]
        assert back == reverse(lesson.url_name) + "#try-it"
        value, shown = alternative(field, settings)
        response = client.post(
            reverse("lab"), {field: value, "carry": "on", "next": back}
        )
        assert response.status_code == 302
        assert response.url == back
        mine = page(client, lesson.title).select_one(".setting-values td:last-child")
        assert text(mine.select_one(".visitor-value")) == shown
        assert mine.select_one(".badge")
        other = page(Client(), lesson.title).select_one(".visitor-value")
        assert text(other) == _python(getattr(settings, lesson.title))


def test_a_save_count_of_the_wrong_type_starts_again(client):
    """Text stored under "saves" by another lesson restarts the count at 1."""
    client.post(reverse("setitem"), {"key": "saves", "value": "many"})
    response = client.post(url("SESSION_COOKIE_AGE"))
    assert response.status_code == 302
    assert client.session["saves"] == 1


def _python(value) -> str:
    return (
        repr(value)
        if value is None or isinstance(value, bool | int)
        else repr(str(value))
    )


class TestCacheAlias:
    def test_session_lands_in_the_chosen_cache(self, client):
        """With the cache engine and alias "sessions", only that cache holds the key."""
        lab(client, engine="cache", cache_alias="sessions")
        response = save(client, "SESSION_CACHE_ALIAS")
        key = response.cookies["sessionid"].value
        assert caches["sessions"].get(KEY_PREFIX + key) == {SAVES_KEY: 1}
        assert KEY_PREFIX + key not in caches["default"]

    def test_page_names_the_cache_holding_the_key(self, client):
        """The page asks every configured cache and marks the one that holds it."""
        lab(client, engine="cache", cache_alias="sessions")
        key = save(client, "SESSION_CACHE_ALIAS").cookies["sessionid"].value
        shown = page(client, "SESSION_CACHE_ALIAS")
        assert [text(td) for td in shown.select(".cache-holders tr.holds td")] == [
            "sessions",
            "yes",
        ]
        assert text(shown.select_one(".cache-key")) == KEY_PREFIX + key

    @pytest.mark.parametrize("engine_name", ["db", "file", "signed_cookies"])
    def test_engines_without_a_cache_ignore_it(self, client, settings, engine_name):
        """db, file and signed_cookies put nothing in any cache, whatever the alias."""
        settings.SESSION_ENGINE = f"django.contrib.sessions.backends.{engine_name}"
        settings.SESSION_CACHE_ALIAS = "sessions"
        key = save(client, "SESSION_CACHE_ALIAS").cookies["sessionid"].value
        for alias in settings.CACHES:
            assert KEY_PREFIX + key not in caches[alias]
        shown = page(client, "SESSION_CACHE_ALIAS")
        assert "keeps nothing in a cache" in text(shown.select_one(".cache-none"))


class TestCookieAge:
    def test_lab_change_shows_in_the_next_set_cookie(self, client):
        """After POST /lab/ cookie_age=3600 the session cookie has Max-Age=3600."""
        assert save(client).cookies["sessionid"]["max-age"] == 1209600
        changed = lab(client, cookie_age="3600")
        assert changed.cookies["sessionid"]["max-age"] == 3600
        cookie = save(client).cookies["sessionid"]
        assert cookie["max-age"] == 3600
        assert cookie["expires"]
        assert "Cookie" in save(client)["Vary"]

    def test_page_shows_max_age_and_expires(self, client, settings):
        """The page shows the real Set-Cookie with its Max-Age and Expires."""
        settings.SESSION_COOKIE_AGE = 60
        save(client)
        shown = page(client, "SESSION_COOKIE_AGE")
        header = text(shown.select_one(".last-set-cookie"))
        assert header.startswith("Set-Cookie: sessionid=")
        assert "Max-Age=60" in header
        facts = dict(
            zip(
                [text(dt) for dt in shown.select(".cookie-attributes dt")],
                [text(dd) for dd in shown.select(".cookie-attributes dd")],
                strict=True,
            )
        )
        assert facts["Max-Age"] == "60"
        assert facts["Expires"].endswith("GMT")

    def test_store_expiry_follows_the_age(self, client, settings):
        """The store records the expiry too: an old cookie finds nothing after it."""
        settings.SESSION_COOKIE_AGE = 60
        key = save(client).cookies["sessionid"].value
        assert seconds_left(key) == pytest.approx(60, abs=5)

    def test_signed_cookies_enforce_only_the_cookie_age(self, settings, monkeypatch):
        """With signed_cookies, a longer set_expiry() loses to SESSION_COOKIE_AGE."""
        settings.SESSION_COOKIE_AGE = 60
        store = SignedCookieStore()
        store[SAVES_KEY] = 1
        store.set_expiry(3600)
        store.save()
        cookie_value = store.session_key
        assert SignedCookieStore(cookie_value).get(SAVES_KEY) == 1
        later = time.time() + 120
        monkeypatch.setattr(time, "time", lambda: later)
        assert SignedCookieStore(cookie_value).get(SAVES_KEY) is None


class TestCookieDomain:
    def test_default_sends_no_domain(self, client):
        """With None, the cookie has no Domain: it is host-only."""
        assert save(client).cookies["sessionid"]["domain"] == ""
        shown = page(client, "SESSION_COOKIE_DOMAIN")
        assert "Domain=" not in text(shown.select_one(".last-set-cookie"))

    def test_guide_domain_is_refused_on_this_host(self, client):
        """On 127.0.0.1 the guide's ".example.com" is refused with a message."""
        save(client)
        response = lab(client, host="127.0.0.1", cookie_domain=".example.com")
        assert response.status_code == 400
        assert "would refuse a cookie for '.example.com'" in text(parse(response))
        assert LAB_COOKIE_NAME not in response.cookies
        assert "sessionid" not in response.cookies
        assert client.session[SAVES_KEY] == 1

    def test_django_sends_whatever_domain_is_set(self, client, settings):
        """Stock Django does not check the domain: it sends Domain=.example.com here."""
        settings.SESSION_COOKIE_DOMAIN = ".example.com"
        assert save(client).cookies["sessionid"]["domain"] == ".example.com"
        shown = page(client, "SESSION_COOKIE_DOMAIN")
        assert "Domain=.example.com" in text(shown.select_one(".last-set-cookie"))


class TestCookieHttpOnly:
    def test_httponly_by_default(self, client):
        """By default the session cookie is HttpOnly."""
        assert save(client).cookies["sessionid"]["httponly"] is True

    def test_lab_turns_it_off(self, client):
        """After POST /lab/ cookie_httponly=false, the cookie comes without HttpOnly."""
        lab(client, cookie_httponly="false")
        assert not save(client).cookies["sessionid"]["httponly"]
        shown = page(client, "SESSION_COOKIE_HTTPONLY")
        assert "HttpOnly" not in text(shown.select_one(".last-set-cookie"))

    def test_page_hands_the_cookie_name_to_its_script(self, client):
        """The script gets the cookie's name through json_script, no inline code."""
        lab(client, cookie_name="custom_sessionid")
        save(client)
        shown = page(client, "SESSION_COOKIE_HTTPONLY")
        data = shown.select_one("script#httponly-data")
        assert data["type"] == "application/json"
        assert '"cookie_name": "custom_sessionid"' in data.string
        assert '"sent": true' in data.string
        script = shown.select_one(".effect script[src]")
        assert script["src"].endswith("js/httponly.js")
        assert not script.string


class TestCookieName:
    def test_lab_renames_the_cookie_and_drops_the_old_one(self, client):
        """Renaming deletes the old cookie and sets the new one, data carried over."""
        save(client)
        response = lab(client, cookie_name="custom_sessionid", carry="on")
        assert response.cookies["sessionid"].value == ""
        assert response.cookies["sessionid"]["max-age"] == 0
        key = response.cookies["custom_sessionid"].value
        assert DbStore(key)[SAVES_KEY] == 1
        assert save(client).cookies["custom_sessionid"].value == key

    def test_stock_django_ignores_the_old_cookie(self, client, settings):
        """With another name, Django ignores the old cookie and never deletes it."""
        old = save(client).cookies["sessionid"].value
        settings.SESSION_COOKIE_NAME = "custom_sessionid"
        response = save(client)
        assert "sessionid" not in response.cookies
        assert response.cookies["custom_sessionid"].value != old
        assert DbStore(response.cookies["custom_sessionid"].value)[SAVES_KEY] == 1

    def test_page_shows_which_cookie_django_reads(self, client):
        """The page lists the cookies each request sent, marking the one Django read."""
        save(client)
        lab(client, cookie_name="custom_sessionid", carry="on")
        client.get(reverse("index"))
        shown = page(client, "SESSION_COOKIE_NAME")
        assert text(shown.select_one(".current-name")) == "custom_sessionid"
        after, renaming = shown.select(".sent-cookies li")[:2]
        assert [text(c) for c in after.select(".read-by-django")] == [
            "custom_sessionid"
        ]
        # The request that renamed it still came in with the old cookie.
        assert text(renaming.code) == f"POST {reverse('lab')}"
        assert [text(c) for c in renaming.select(".read-by-django")] == ["sessionid"]


class TestCookiePath:
    def test_set_cookie_carries_the_path(self, client):
        """After POST /lab/ cookie_path=/settings/ the cookie comes with that Path."""
        lab(client, cookie_path="/settings/")
        assert save(client).cookies["sessionid"]["path"] == "/settings/"

    def test_page_shows_which_requests_carried_it(self, client):
        """The page says, request by request, whether the session cookie came along."""
        save(client)
        client.get(url("SESSION_COOKIE_PATH"))
        # What a browser does outside the cookie's path: it sends no cookie.
        del client.cookies["sessionid"]
        client.get(reverse("index"))
        items = page(client, "SESSION_COOKIE_PATH").select(".sent-cookies li")
        outside, inside = items[0], items[1]
        assert text(outside.code) == f"GET {reverse('index')}"
        assert text(outside.select_one(".not-carried")) == (
            "— no sessionid cookie, so no session there"
        )
        assert not outside.select(".read-by-django")
        assert text(inside.code) == f"GET {url('SESSION_COOKIE_PATH')}"
        assert text(inside.select_one(".carried")) == "— with the session cookie"
        assert text(inside.select_one(".read-by-django")) == "sessionid"


class TestCookieSameSite:
    def test_lax_by_default(self, client):
        """By default the session cookie is SameSite=Lax."""
        assert save(client).cookies["sessionid"]["samesite"] == "Lax"

    @pytest.mark.parametrize(
        ("choice", "header"),
        [
            ("Strict", "Strict"),
            ("None", "None"),
            ("False", ""),
        ],
    )
    def test_each_choice_shows_in_the_header(self, client, choice, header):
        """Each choice goes into the SameSite attribute; False leaves it out."""
        lab(client, cookie_samesite=choice, cookie_secure="true")
        cookie = save(client).cookies["sessionid"]
        assert cookie["samesite"] == header
        shown = text(
            page(client, "SESSION_COOKIE_SAMESITE").select_one(".last-set-cookie")
        )
        assert (f"SameSite={header}" in shown) is bool(header)

    def test_none_without_secure_is_warned(self, client):
        """Choosing None without Secure says that browsers will refuse the cookie."""
        response = lab(client, cookie_samesite="None")
        shown = parse(client.get(response.url))
        notices = " ".join(text(p) for p in shown.select(".lab-notice"))
        assert "Browsers refuse a SameSite=None cookie that is not Secure" in notices


class TestCookieSecure:
    def test_off_by_default(self, client):
        """By default the session cookie is not Secure (the dev server speaks HTTP)."""
        assert not save(client).cookies["sessionid"]["secure"]

    def test_lab_turns_it_on(self, client):
        """After POST /lab/ cookie_secure=true, the cookie comes with Secure."""
        lab(client, cookie_secure="true")
        assert save(client).cookies["sessionid"]["secure"] is True
        assert "Secure" in text(
            page(client, "SESSION_COOKIE_SECURE").select_one(".last-set-cookie")
        )


class TestEngine:
    def test_cookie_holds_a_key_or_the_data(self, client, engine):
        """The cookie holds a 32-character key, or with signed_cookies the data."""
        value = save(client, "SESSION_ENGINE").cookies["sessionid"].value
        said = text(page(client, "SESSION_ENGINE").select_one(".cookie-value-kind"))
        if engine == "signed_cookies":
            assert value.count(":") == 2
            assert said.endswith("the session data itself, signed.")
        else:
            assert len(value) == 32
            assert said.endswith("a key that points into the store.")
        assert f"{len(value)} characters" in said

    def test_lab_switch_carries_the_data(self, client):
        """Switching to signed_cookies with carry keeps the data, now in the cookie."""
        client.post(url("SESSION_ENGINE"), follow=True)
        client.post(
            reverse("lab"), {"engine": "signed_cookies", "carry": "on"}, follow=True
        )
        assert outcome(client, "SESSION_ENGINE") == (
            f"Result request.session['{SAVES_KEY}'] = 2 changed '{SAVES_KEY}'"
        )
        assert client.cookies["sessionid"].value.count(":") == 2


class TestExpireAtBrowserClose:
    def test_cookie_has_no_max_age_or_expires(self, client):
        """After POST /lab/ expire_at_browser_close=true: no Max-Age, no Expires."""
        lab(client, expire_at_browser_close="true")
        cookie = save(client).cookies["sessionid"]
        assert cookie["max-age"] == ""
        assert cookie["expires"] == ""
        shown = page(client, "SESSION_EXPIRE_AT_BROWSER_CLOSE")
        facts = [text(dd) for dd in shown.select(".cookie-attributes dd")][:2]
        assert facts == ["absent", "absent"]

    def test_store_still_expires_after_cookie_age(self, client, settings):
        """The store still expires the session SESSION_COOKIE_AGE after the save."""
        settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
        settings.SESSION_COOKIE_AGE = 60
        key = save(client).cookies["sessionid"].value
        assert seconds_left(key) == pytest.approx(60, abs=5)


class TestFilePath:
    def test_file_lands_in_the_folder(self, client, settings):
        """The file engine writes <cookie name><key> into SESSION_FILE_PATH."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.file"
        key = save(client, "SESSION_FILE_PATH").cookies["sessionid"].value
        assert os.listdir(settings.SESSION_FILE_PATH) == [f"sessionid{key}"]

    def test_page_shows_own_file_and_counts_others(self, client, settings):
        """The page names the visitor's own file and only counts the others."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.file"
        other = save(Client(), "SESSION_FILE_PATH").cookies["sessionid"].value
        key = save(client, "SESSION_FILE_PATH").cookies["sessionid"].value
        shown = page(client, "SESSION_FILE_PATH")
        assert text(shown.select_one(".folder")) == str(settings.SESSION_FILE_PATH)
        assert f"sessionid{key}" in text(shown.select_one(".your-file"))
        assert "Other session files in the folder: 1." in text(
            shown.select_one(".other-files")
        )
        assert other not in shown.select_one(".effect").get_text()

    def test_missing_folder_is_an_error(self, settings, tmp_path):
        """Django does not create the folder: a missing one is ImproperlyConfigured."""
        settings.SESSION_FILE_PATH = str(tmp_path / "django_sessions")
        with pytest.raises(ImproperlyConfigured, match="doesn't exist"):
            FileStore()

    def test_other_engines_write_no_file(self, client, settings):
        """With the db engine nothing is written to the folder."""
        save(client, "SESSION_FILE_PATH")
        assert os.listdir(settings.SESSION_FILE_PATH) == []
        assert "writes no files" in text(
            page(client, "SESSION_FILE_PATH").select_one(".not-file")
        )


class TestSaveEveryRequest:
    def test_off_reading_sends_no_cookie(self, client):
        """By default, a page that only reads the session sends no cookie."""
        save(client)
        response = client.get(url("SESSION_SAVE_EVERY_REQUEST"))
        assert "sessionid" not in response.cookies
        assert "Cookie" in response["Vary"]

    def test_on_every_load_sends_the_cookie(self, client):
        """After POST /lab/ save_every_request=true, every load sends the cookie."""
        save(client)
        lab(client, save_every_request="true")
        for _ in range(2):
            response = client.get(url("SESSION_SAVE_EVERY_REQUEST"))
            assert response.cookies["sessionid"]["max-age"] == 1209600
        items = page(client, "SESSION_SAVE_EVERY_REQUEST").select(".sliding li")
        assert len(items) >= 2
        assert all("Expires" in text(item) for item in items)

    def test_expiry_slides_on_each_load(self, client, settings, monkeypatch):
        """Each load moves the stored expiry forward, a minute later, a minute on."""
        settings.SESSION_SAVE_EVERY_REQUEST = True
        key = save(client).cookies["sessionid"].value
        first = Session.objects.get(session_key=key).expire_date
        later = timezone.now() + timedelta(minutes=1)
        monkeypatch.setattr(timezone, "now", lambda: later)
        client.get(url("SESSION_SAVE_EVERY_REQUEST"))
        second = Session.objects.get(session_key=key).expire_date
        assert timedelta(seconds=55) < second - first < timedelta(seconds=65)


class TestSerializer:
    def test_json_refuses_a_datetime(self, client):
        """JSONSerializer refuses a datetime: a message, not a 500, nothing stored."""
        said = outcome(client, "SESSION_SERIALIZER")
        assert "JSONSerializer refused it: Object of type datetime is not JSON" in said
        assert "sessionid" not in client.cookies

    def test_rich_serializer_round_trips_it(self, client):
        """Our RichJSONSerializer writes a tagged datetime and reads it back."""
        lab(client, serializer="rich")
        said = outcome(client, "SESSION_SERIALIZER")
        assert (
            'RichJSONSerializer wrote {"when":{"__session_type__":["datetime",' in said
        )
        assert "read back through the session: datetime.datetime(" in said
        assert "the same value: True" in said

    def test_pickle_serializer_is_gone(self, client):
        """Django 5.0 removed PickleSerializer; the page corrects the guide."""
        assert django.VERSION >= (5, 0)
        assert not hasattr(serializers, "PickleSerializer")
        said = text(page(client, "SESSION_SERIALIZER").select_one(".explanation"))
        assert "removed in Django 5.0" in said
