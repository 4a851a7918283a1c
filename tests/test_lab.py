"""
The lab: a visitor's own session settings, how they are changed, checked and
applied, and that the live panel only ever looks.
"""

import asyncio
import importlib
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from threading import Barrier
from unittest.mock import patch
from uuid import UUID

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core import signing
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import reverse

from sessions_demo.engines import ENGINES, engine_path
from sessions_demo.lab.profile import (
    LAB_COOKIE_NAME,
    LAB_COOKIE_SALT,
    SERIALIZERS,
    Profile,
    profile_of,
    read,
    sign,
)
from sessions_demo.lab.stores import store_class
from sessions_demo.lab.views import VERIFIED_BY
from sessions_demo.serializers import TAG, RichJSONSerializer

from . import backends, lab_urls
from .conftest import parse

pytestmark = pytest.mark.django_db


def change(client, **fields):
    """POST fields to the lab, as the lab's own form does."""
    return client.post(reverse("lab"), fields)


def panel(client) -> dict:
    return client.get(reverse("panel")).json()


def set_item(client, key="colour", value="green"):
    return client.post(reverse("setitem"), {"key": key, "value": value})


def lab_notices(response) -> str:
    return " ".join(
        p.get_text(" ", strip=True) for p in parse(response).select(".lab-notice")
    )


class TestLabPage:
    def test_shows_every_setting_three_ways(self, client):
        """Each of the 13 settings shows Django's default, the project's and yours."""
        rows = parse(client.get(reverse("lab"))).select(".lab-table tbody tr")
        assert len(rows) == 13
        file_path = parse(client.get(reverse("lab"))).select_one("#row-file_path")
        cells = [cell.get_text(strip=True) for cell in file_path.select("td")]
        assert cells[0] == "None"
        assert cells[1] != "None"

    def test_names_the_tests_behind_its_claims(self, client):
        """The page lists its proofs, and every test it names exists."""
        page = parse(client.get(reverse("lab")))
        shown = [li.get_text() for li in page.select(".verified-by li")]
        assert shown == list(VERIFIED_BY)
        for test_id in VERIFIED_BY:
            path, *names = test_id.split("::")
            target = importlib.import_module(path.removesuffix(".py").replace("/", "."))
            for name in names:
                target = getattr(target, name)
            assert callable(target)

    def test_change_applies_to_the_next_request(self, client):
        """A POST sets the signed lab cookie, and the next response follows it."""
        response = change(client, cookie_age="300", cookie_samesite="Strict")
        assert response.status_code == 302
        assert response.cookies[LAB_COOKIE_NAME]["httponly"] is True
        cookie = set_item(client).cookies["sessionid"]
        assert (cookie["max-age"], cookie["samesite"]) == (300, "Strict")
        assert "Cookie" in set_item(client)["Vary"]

    def test_visitors_value_is_shown_and_marked(self, client):
        """The lab shows the visitor's own value, marked as theirs."""
        change(client, cookie_age="300")
        row = parse(client.get(reverse("lab"))).select_one("#row-cookie_age")
        assert "changed" in row["class"]
        assert row.select_one("input")["value"] == "300"

    def test_redirects_to_a_safe_next(self, client):
        """`next` is followed when it is a local URL, ignored when it is not."""
        here = reverse("setitem")
        assert change(client, cookie_age="300", next=here)["Location"] == here
        away = change(client, cookie_age="301", next="https://evil.example/")
        assert away["Location"] == reverse("lab")

    def test_reset_returns_to_the_project(self, client):
        """Reset deletes the lab cookie and the project's settings apply again."""
        change(client, cookie_age="300")
        response = change(client, reset="on")
        assert response.cookies[LAB_COOKIE_NAME]["max-age"] == 0
        client.cookies.pop(LAB_COOKIE_NAME)
        assert set_item(client).cookies["sessionid"]["max-age"] == 1209600

    def test_csrf_is_required(self):
        """A POST without the CSRF token is refused and changes nothing."""
        client = Client(enforce_csrf_checks=True)
        response = client.post(reverse("lab"), {"engine": "file"})
        assert response.status_code == 403
        assert LAB_COOKIE_NAME not in response.cookies

    def test_empty_post_is_refused(self, client):
        """A POST with no setting at all gets a 400 and a message."""
        response = change(client, next="/")
        assert response.status_code == 400
        assert "Nothing to change" in lab_notices(response)


BAD_INPUT = [
    ("engine", "pickle"),
    ("engine", "django.contrib.sessions.backends.db"),
    ("serializer", "pickle"),
    ("serializer", "django.contrib.sessions.serializers.PickleSerializer"),
    ("cache_alias", "elsewhere"),
    ("file_path", "/etc"),
    ("file_path", "../var"),
    ("cookie_age", "0"),
    ("cookie_age", "-5"),
    ("cookie_age", "1.5"),
    ("cookie_age", "99999999999"),
    ("cookie_age", "²"),
    ("cookie_httponly", "maybe"),
    ("cookie_name", "a;b"),
    ("cookie_name", "a\r\nSet-Cookie: x=1"),
    ("cookie_name", "csrftoken"),
    ("cookie_name", "messages"),
    ("cookie_name", LAB_COOKIE_NAME),
    ("cookie_name", "__Host-sid"),
    ("cookie_name", "x" * 41),
    ("cookie_path", "app"),
    ("cookie_path", "/a;b"),
    ("cookie_path", "/a\nb"),
    ("cookie_domain", "evil.example"),
    ("cookie_domain", "a;b"),
    ("cookie_samesite", "Sometimes"),
    ("cookie_secure", "2"),
    ("expire_at_browser_close", "later"),
    ("save_every_request", "always"),
]


class TestBadInput:
    @pytest.mark.parametrize(("field", "value"), BAD_INPUT)
    def test_refused_with_a_message(self, client, field, value):
        """Bad lab input gets a 400 and a message; nothing changes."""
        set_item(client)
        response = change(client, **{"cookie_age": "300", field: value})
        assert response.status_code == 400
        assert "Nothing changed" in lab_notices(response)
        assert LAB_COOKIE_NAME not in response.cookies
        assert "sessionid" not in response.cookies
        assert panel(client)["data"] == {"colour": "green"}

    def test_every_field_is_tried(self):
        """The bad inputs cover every field of the profile."""
        assert {field for field, _ in BAD_INPUT} == set(vars(Profile.from_settings()))


class TestLabCookie:
    def test_forged_cookie_falls_back_with_a_message(self, client):
        """A lab cookie with a wrong signature is ignored, said, and deleted."""
        client.cookies[LAB_COOKIE_NAME] = signing.dumps({"engine": "file"}, salt="x")
        response = client.get(reverse("index"))
        assert response.status_code == 200
        assert "signature is wrong" in lab_notices(response)
        assert response.cookies[LAB_COOKIE_NAME]["max-age"] == 0
        assert panel(client)["engine"] == "db"

    def test_stale_cookie_falls_back_with_a_message(self, client):
        """A signed cookie naming what the project no longer offers is ignored."""
        value = signing.dumps({"cache_alias": "gone"}, salt=LAB_COOKIE_SALT)
        client.cookies[LAB_COOKIE_NAME] = value
        response = set_item(client)
        assert response.status_code == 302
        assert set_item(client).cookies["sessionid"]["max-age"] == 1209600
        assert "No cache is configured as 'gone'" in lab_notices(
            client.get(reverse("index"))
        )

    def test_garbage_cookie_never_fails(self, client):
        """Any lab cookie, even a signed non-dict, leaves the site working."""
        for value in ["", "garbage", signing.dumps([1, 2], salt=LAB_COOKIE_SALT)]:
            client.cookies[LAB_COOKIE_NAME] = value
            assert client.get(reverse("index")).status_code == 200

    def test_emptied_cookie_counts_as_none(self, client):
        """A lab cookie emptied by a deletion means the project's settings, silently."""
        client.cookies[LAB_COOKIE_NAME] = ""
        response = client.get(reverse("index"))
        assert lab_notices(response) == ""
        assert LAB_COOKIE_NAME not in response.cookies

    def test_panel_does_not_consume_the_notice(self, client):
        """The panel, an observer, neither shows nor clears the fallback notice."""
        client.cookies[LAB_COOKIE_NAME] = "garbage"
        assert LAB_COOKIE_NAME not in client.get(reverse("panel")).cookies
        assert "ignored" in lab_notices(client.get(reverse("index")))

    def test_domain_is_checked_against_the_host(self, client, settings):
        """A cookie domain that no longer covers the host makes the cookie stale."""
        settings.ALLOWED_HOSTS = [".example.com", "testserver"]
        host = {"HTTP_HOST": "www.example.com"}
        client.post(reverse("lab"), {"cookie_domain": ".example.com"}, **host)
        assert panel(client) and client.cookies[LAB_COOKIE_NAME].value
        settings.ALLOWED_HOSTS = [".example.com", "course.example.org", "testserver"]
        page = client.get(reverse("index"), HTTP_HOST="course.example.org")
        assert "would refuse a cookie" in lab_notices(page)


class TestSwitchingEngines:
    @pytest.mark.parametrize("target", [e for e in ENGINES if e != "db"])
    def test_carry_moves_the_data_and_deletes_the_old_row(self, client, target):
        """With carry, the data comes along under a new key; the old row is gone."""
        set_item(client)
        old_key = client.cookies["sessionid"].value
        response = change(client, engine=target, carry="on")
        assert response.status_code == 302
        assert "every user would lose their session" in lab_notices(
            client.get(reverse("lab"))
        )
        new_cookie = response.cookies["sessionid"]
        assert new_cookie.value and new_cookie.value != old_key
        assert not Session.objects.filter(session_key=old_key).exists()
        state = panel(client)
        assert (state["engine"], state["data"]) == (target, {"colour": "green"})

    def test_without_carry_the_session_is_gone(self, client):
        """Without carry, the old session is deleted and its cookie too."""
        set_item(client)
        response = change(client, engine="cache")
        assert response.cookies["sessionid"]["max-age"] == 0
        assert not Session.objects.exists()
        assert panel(client)["data"] == {}

    def test_header_switcher_posts_back_to_the_page(self, client):
        """Every page's header switcher posts the engine and the current page."""
        page = parse(client.get(reverse("setitem")))
        form = page.select_one("header form.lab-switcher")
        assert form["action"] == reverse("lab")
        assert form.select_one("[name=next]")["value"] == reverse("setitem")
        assert form.select_one("option[selected]")["value"] == "db"
        assert form.select_one("[name=csrfmiddlewaretoken]")

    def test_renaming_the_cookie_replaces_it(self, client):
        """A new cookie name deletes the old cookie and carries the session over."""
        set_item(client)
        response = change(client, cookie_name="labsid", carry="on")
        assert response.cookies["sessionid"]["max-age"] == 0
        assert response.cookies["labsid"].value
        assert panel(client)["cookie_name"] == "labsid"
        assert panel(client)["data"] == {"colour": "green"}

    def test_moving_the_path_deletes_the_cookie_at_the_old_path(self, client):
        """Same name, new path: one Set-Cookie deletes the old, one sets the new."""
        set_item(client)
        key = client.cookies["sessionid"].value
        response = change(client, cookie_path="/lab/", carry="off")
        headers = [m.OutputString() for m in response.cookies.values()]
        old = [h for h in headers if h.startswith('sessionid="";')]
        new = [h for h in headers if h.startswith(f"sessionid={key}")]
        assert len(old) == 1 and "Path=/;" in old[0] and "Max-Age=0" in old[0]
        assert len(new) == 1 and "Path=/lab/" in new[0]

    def test_attribute_changes_reissue_the_cookie(self, client):
        """Changing an attribute keeps the session and re-sends the cookie."""
        set_item(client)
        key = client.cookies["sessionid"].value
        cookie = change(client, cookie_httponly="off").cookies["sessionid"]
        assert (cookie.value, cookie["httponly"]) == (key, "")
        assert panel(client)["data"] == {"colour": "green"}


class TestPanelObserves:
    @pytest.mark.parametrize(
        "profile",
        [
            {"save_every_request": "off"},
            {"save_every_request": "on"},
            {
                "save_every_request": "on",
                "expire_at_browser_close": "on",
                "cookie_age": "60",
                "serializer": "rich",
            },
        ],
        ids=["project", "save-every-request", "every-request-browser-close"],
    )
    def test_panel_never_writes(self, client, engine, profile):
        """GET /panel/ saves nothing, refreshes no expiry, sets no cookie."""
        change(client, engine=engine, **profile)
        set_item(client)
        before = stored_state(client, engine)
        response = client.get(reverse("panel"))
        assert response.status_code == 200
        assert dict(response.cookies) == {}
        assert stored_state(client, engine) == before

    def test_other_pages_do_save_every_request(self, client):
        """The exemption is the panel's alone: other pages save on every request."""
        change(client, save_every_request="on")
        set_item(client)
        assert client.get(reverse("index")).cookies["sessionid"].value

    def test_panel_shows_the_visitors_profile(self, client):
        """The panel names the visitor's engine, cookie and browser-close setting."""
        change(
            client, engine="file", cookie_name="labsid", expire_at_browser_close="on"
        )
        set_item(client)
        state = panel(client)
        assert (state["engine"], state["cookie_name"]) == ("file", "labsid")
        assert state["expire_at_browser_close"] is True


def stored_state(client, engine: str) -> object:
    """Fingerprint what the engine holds, expiry included, for the visitor."""
    key = client.cookies["sessionid"].value
    if engine in ("db", "cached_db"):
        row = Session.objects.get(session_key=key)
        return row.session_data, row.expire_date
    if engine == "cache":
        return backends.fingerprint(
            caches["default"], "django.contrib.sessions.cache" + key
        )
    if engine == "file":
        path = os.path.join(settings.SESSION_FILE_PATH, "sessionid" + key)
        with open(path) as stored:
            return stored.read(), os.stat(path).st_mtime_ns
    return key


class TestProfile:
    def test_signed_profile_round_trips(self, rf):
        """What the lab cookie carries reads back as the same profile."""
        project = Profile.from_settings()
        profile = Profile(
            **{
                **vars(project),
                "engine": "django.contrib.sessions.backends.file",
                "cookie_samesite": False,
                "serializer": "sessions_demo.serializers.RichJSONSerializer",
                "cookie_age": 42,
            }
        )
        request = rf.get("/")
        request.COOKIES[LAB_COOKIE_NAME] = sign(profile)
        assert read(request) == (profile, None)

    def test_profile_of_defaults_to_settings(self, rf, settings):
        """Without the middleware's profile, the project's settings apply."""
        settings.SESSION_COOKIE_AGE = 77
        assert profile_of(rf.get("/")).cookie_age == 77


class TestRichSerializer:
    def test_round_trips_what_json_refuses(self):
        """datetime, Decimal and UUID come back as themselves."""
        data = {
            "when": datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
            "price": Decimal("9.99"),
            "id": UUID("12345678-1234-5678-1234-567812345678"),
            "nested": [{"at": datetime(2026, 1, 1, tzinfo=UTC)}],
        }
        serializer = RichJSONSerializer()
        assert serializer.loads(serializer.dumps(data)) == data

    def test_a_dict_using_the_tag_survives(self):
        """A visitor's own dict that uses the tag as a key is not mistaken."""
        data = {TAG: ["datetime", "not a date"], "other": 1}
        serializer = RichJSONSerializer()
        assert serializer.loads(serializer.dumps(data)) == data
        assert serializer.loads(serializer.dumps({"x": {TAG: 1}})) == {"x": {TAG: 1}}

    def test_plain_json_reads_the_same(self):
        """Data written by Django's JSONSerializer reads back unchanged."""
        assert RichJSONSerializer().loads(b'{"a":[1,"b"]}') == {"a": [1, "b"]}

    def test_every_engine_keeps_a_datetime(self, engine):
        """A store bound to the rich serializer saves and loads a datetime."""
        when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
        profile = replace(
            Profile.from_settings(),
            engine=engine_path(engine),
            serializer=SERIALIZERS["rich"],
        )
        store = store_class(profile)()
        store["when"] = when
        store.save()
        assert store_class(profile)(store.session_key)["when"] == when

    def test_json_refuses_a_datetime(self):
        """Django's JSONSerializer cannot store one: the reason ours exists."""
        store = store_class(Profile.from_settings())()
        store["when"] = datetime(2026, 1, 2, tzinfo=UTC)
        with pytest.raises(TypeError):
            store.save()


class TestIsolation:
    @pytest.mark.urls("tests.lab_urls")
    def test_concurrent_visitors_never_share_settings(self):
        """Two visitors with different profiles, mid-request at once, keep theirs."""
        project = Profile.from_settings()
        profiles = {
            "alice": replace(
                project,
                engine=engine_path("cache"),
                cookie_name="alice_sid",
                cookie_age=111,
                cookie_samesite="Strict",
            ),
            "bob": replace(
                project,
                engine=engine_path("signed_cookies"),
                cookie_name="bob_sid",
                cookie_age=222,
                cookie_samesite=False,
                cookie_httponly=False,
            ),
        }
        clients = {}
        for visitor, profile in profiles.items():
            clients[visitor] = Client()
            clients[visitor].cookies[LAB_COOKIE_NAME] = sign(profile)

        def visit(visitor: str):
            return clients[visitor].get(reverse("meet"), {"visitor": visitor})

        with ThreadPoolExecutor(max_workers=2) as pool:
            for _ in range(10):
                lab_urls.meeting["barrier"] = Barrier(2, timeout=10)
                responses = dict(zip(profiles, pool.map(visit, profiles), strict=True))
                for visitor, response in responses.items():
                    profile = profiles[visitor]
                    assert response.json() == {
                        "engine": profile.engine,
                        "cookie_name": profile.cookie_name,
                        "visitor": visitor,
                    }
                    assert set(response.cookies) == {profile.cookie_name}
                    cookie = response.cookies[profile.cookie_name]
                    assert cookie["max-age"] == profile.cookie_age
                    assert cookie["samesite"] == (profile.cookie_samesite or "")


class TestBoundStores:
    def test_cache_alias_choice_decides_the_cache(self, client):
        """With SESSION_CACHE_ALIAS = 'sessions', the key lands in that cache only."""
        change(client, engine="cache", cache_alias="sessions")
        set_item(client)
        key = "django.contrib.sessions.cache" + client.cookies["sessionid"].value
        assert caches["sessions"].get(key) == {"colour": "green"}
        assert caches["default"].get(key) is None

    def test_exchange_records_cache_is_not_offered(self, client):
        """The exchange record's own cache is never a choice for sessions."""
        options = parse(client.get(reverse("lab"))).select(
            "select[name=cache_alias] option"
        )
        assert [o["value"] for o in options] == ["default", "sessions"]
        response = change(client, engine="cache", cache_alias="exchange")
        assert response.status_code == 400
        assert "No cache is configured as 'exchange'" in parse(response).text
        assert panel(client)["engine"] == "db"

    def test_file_path_choice_decides_the_folder(self, client, settings, tmp_path):
        """The file engine writes into the picked folder, files named by the cookie."""
        settings.LAB_SESSION_FILE_PATHS = [str(tmp_path)]
        change(client, engine="file", file_path=str(tmp_path), cookie_name="labsid")
        set_item(client)
        key = client.cookies["labsid"].value
        assert (tmp_path / f"labsid{key}").is_file()
        assert os.listdir(settings.SESSION_FILE_PATH) == []

    def test_file_clear_expired_uses_the_profiles_prefix(self, settings):
        """clear_expired() removes expired files named after the profile's cookie."""
        profile = replace(
            Profile.from_settings(), engine=engine_path("file"), cookie_name="labsid"
        )
        store = store_class(profile)()
        store["colour"] = "green"
        store.set_expiry(-1)
        store.save()
        path = os.path.join(settings.SESSION_FILE_PATH, "labsid" + store.session_key)
        assert os.path.exists(path)
        store_class(profile).clear_expired()
        assert not os.path.exists(path)

    def test_async_browser_close_follows_the_profile(self):
        """aget_expire_at_browser_close() reads the profile, as the sync one does."""
        profile = replace(Profile.from_settings(), expire_at_browser_close=True)
        store = store_class(profile)()
        assert store.get_expire_at_browser_close() is True
        assert asyncio.run(store.aget_expire_at_browser_close()) is True

    def test_stores_keep_djangos_signing_salt(self):
        """The bound store signs data exactly as Django's own store does."""
        bound = store_class(Profile.from_settings())()
        assert bound.key_salt == SessionStore().key_salt
        assert isinstance(bound, SessionStore)

    def test_stores_are_named_after_their_engine(self, engine):
        """A bound store's class reads as the engine's SessionStore."""
        bound = store_class(
            replace(Profile.from_settings(), engine=engine_path(engine))
        )
        assert f"{bound.__module__}.{bound.__qualname__}" == (
            f"{engine_path(engine)}.SessionStore"
        )


class TestSerializerSwitch:
    def lab_store(self, client):
        request = RequestFactory().get("/")
        request.COOKIES = {
            name: morsel.value for name, morsel in client.cookies.items()
        }
        profile, _ = read(request)
        return store_class(profile)(request.COOKIES.get(profile.cookie_name))

    def test_json_refuses_data_it_cannot_write(self, client):
        """Back to JSON with a datetime in the session: 400, and nothing is lost."""
        change(client, serializer="rich")
        set_item(client)
        session = self.lab_store(client)
        session["when"] = datetime(2026, 1, 2, tzinfo=UTC)
        session.save()
        response = change(client, serializer="json")
        assert response.status_code == 400
        assert "JSONSerializer cannot write" in lab_notices(response)
        assert self.lab_store(client)["when"] == datetime(2026, 1, 2, tzinfo=UTC)

    def test_cached_db_drops_the_old_caches_copy(self, client):
        """cached_db moving cache: the old cache no longer holds a stale copy."""
        change(client, engine="cached_db")
        set_item(client)
        key = "django.contrib.sessions.cached_db" + client.cookies["sessionid"].value
        assert caches["default"].get(key) is not None
        change(client, cache_alias="sessions")
        assert caches["default"].get(key) is None
        assert caches["sessions"].get(key) == {"colour": "green"}


@pytest.fixture
def folder_removed(client, settings, tmp_path):
    """A visitor on the file engine, in a lab folder that then disappears."""
    folder = tmp_path / "lab-folder"
    folder.mkdir()
    settings.LAB_SESSION_FILE_PATHS = [str(folder)]
    change(client, engine="file", file_path=str(folder))
    set_item(client)
    shutil.rmtree(folder)


class TestLeavingABrokenStore:
    def test_a_removed_folder_can_be_left(self, client, folder_removed):
        """The file folder vanished: every page fails, but the lab switches away."""
        with pytest.raises(ImproperlyConfigured):
            client.get(reverse("index"))
        response = change(client, engine="db", carry="on", next=reverse("index"))
        assert response.status_code == 302
        assert response.cookies["sessionid"]["max-age"] == 0
        notes = lab_notices(client.get(reverse("index")))
        assert "Your file store failed (ImproperlyConfigured" in notes
        assert "you start afresh" in notes
        assert panel(client)["engine"] == "db"

    def test_a_cache_that_is_down_can_be_left(self, client):
        """The cache raises on every read: the lab still switches to another engine."""
        change(client, engine="cache")
        set_item(client)
        client.get(reverse("index"))  # shows, and so clears, the earlier notices
        down = ConnectionError("the cache server is down")
        with (
            patch.object(type(caches["default"]), "get", side_effect=down),
            patch.object(type(caches["default"]), "delete", side_effect=down),
        ):
            response = change(client, engine="file", carry="on")
        # Django's cache engine reads a failing cache as "no session".
        assert response.status_code == 302
        assert "from cache to file" in lab_notices(client.get(reverse("index")))
        assert panel(client)["engine"] == "file"

    def test_a_store_failing_to_delete_is_noted(self, client):
        """The old store refuses to delete: the switch still happens, and says so."""
        set_item(client)
        locked = DatabaseError("database is locked")
        with patch.object(SessionStore, "delete", side_effect=locked):
            response = change(client, engine="cache", carry="on")
        assert response.status_code == 302
        notes = lab_notices(client.get(reverse("index")))
        assert "Your db store failed (DatabaseError: database is locked)" in notes
        assert "its old copy may remain there" in notes
        assert panel(client)["data"] == {"colour": "green"}
        assert panel(client)["engine"] == "cache"

    def test_a_refusal_leaves_the_broken_cookie_alone(self, client, folder_removed):
        """Bad input while the store is broken: a 400, and the cookie is kept."""
        response = change(client, engine="pickle")
        assert response.status_code == 400
        assert "sessionid" not in response.cookies

    def test_other_views_fail_as_django_does(self, client, settings, tmp_path):
        """Only the lab escapes: elsewhere the store's error surfaces unchanged."""
        settings.SESSION_ENGINE = engine_path("file")
        settings.SESSION_FILE_PATH = str(tmp_path / "missing")
        with pytest.raises(ImproperlyConfigured):
            client.get(reverse("panel"))


def test_switcher_needs_a_request_to_show():
    """A page rendered without a request (no visitor) shows no switcher."""
    html = Template("{% load lab_tags %}{% lab_switcher %}").render(Context({}))
    assert "lab-switcher" not in html
