"""
The lab page: every setting three ways, changes checked as a whole, and
visitors who never share their settings.
"""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from threading import Barrier

import pytest
from django.test import Client
from django.urls import reverse

from sessions_demo.course import LAB_TESTS
from sessions_demo.lab.engines import engine_path
from sessions_demo.lab.profile import (
    LAB_COOKIE_NAME,
    Profile,
    sign,
)
from tests.helpers import change_lab, lab_notices, panel_json, parse, set_item

from . import urls as lab_urls

pytestmark = pytest.mark.django_db


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
        """The page lists the proofs the outline names for it."""
        page = parse(client.get(reverse("lab")))
        shown = [li.get_text() for li in page.select(".verified-by li")]
        assert shown == list(LAB_TESTS)

    def test_change_applies_to_the_next_request(self, client):
        """A POST sets the signed lab cookie, and the next response follows it."""
        response = change_lab(client, cookie_age="300", cookie_samesite="Strict")
        assert response.status_code == 302
        assert response.cookies[LAB_COOKIE_NAME]["httponly"] is True
        cookie = set_item(client, "colour", "green").cookies["sessionid"]
        assert (cookie["max-age"], cookie["samesite"]) == (300, "Strict")
        assert "Cookie" in set_item(client, "colour", "green")["Vary"]

    def test_visitors_value_is_shown_and_marked(self, client):
        """The lab shows the visitor's own value, marked as theirs."""
        change_lab(client, cookie_age="300")
        row = parse(client.get(reverse("lab"))).select_one("#row-cookie_age")
        assert "changed" in row["class"]
        assert row.select_one("input")["value"] == "300"

    def test_redirects_to_a_safe_next(self, client):
        """`next` is followed when it is a local URL, ignored when it is not."""
        here = reverse("setitem")
        assert change_lab(client, cookie_age="300", next=here)["Location"] == here
        away = change_lab(client, cookie_age="301", next="https://evil.example/")
        assert away["Location"] == reverse("lab")

    def test_reset_returns_to_the_project(self, client):
        """Reset deletes the lab cookie and the project's settings apply again."""
        change_lab(client, cookie_age="300")
        response = change_lab(client, reset="on")
        assert response.cookies[LAB_COOKIE_NAME]["max-age"] == 0
        client.cookies.pop(LAB_COOKIE_NAME)
        assert (
            set_item(client, "colour", "green").cookies["sessionid"]["max-age"]
            == 1209600
        )

    def test_csrf_is_required(self):
        """A POST without the CSRF token is refused and changes nothing."""
        client = Client(enforce_csrf_checks=True)
        response = client.post(reverse("lab"), {"engine": "file"})
        assert response.status_code == 403
        assert LAB_COOKIE_NAME not in response.cookies

    def test_empty_post_is_refused(self, client):
        """A POST with no setting at all gets a 400 and a message."""
        response = change_lab(client, next="/")
        assert response.status_code == 400
        assert "Nothing to change" in lab_notices(response)


class TestBadInput:
    @pytest.mark.parametrize(("field", "value"), BAD_INPUT)
    def test_refused_with_a_message(self, client, field, value):
        """Bad lab input gets a 400 and a message; nothing changes."""
        set_item(client, "colour", "green")
        response = change_lab(client, **{"cookie_age": "300", field: value})
        assert response.status_code == 400
        assert "Nothing changed" in lab_notices(response)
        assert LAB_COOKIE_NAME not in response.cookies
        assert "sessionid" not in response.cookies
        assert panel_json(client)["data"] == {"colour": "green"}

    def test_every_field_is_tried(self):
        """The bad inputs cover every field of the profile."""
        assert {field for field, _ in BAD_INPUT} == set(vars(Profile.from_settings()))


class TestIsolation:
    @pytest.mark.urls("tests.lab.urls")
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
