"""
lab/profile.py: the visitor's profile, parsed from the signed lab cookie
against allow-lists, and what happens to a forged or stale cookie.
"""

import pytest
from django.core import signing
from django.urls import reverse

from sessions_demo.lab.profile import (
    LAB_COOKIE_NAME,
    LAB_COOKIE_SALT,
    Profile,
    read,
    sign,
)
from sessions_demo.lab.state import profile_of
from tests.helpers import lab_notices, panel_json, set_item

pytestmark = pytest.mark.django_db


class TestLabCookie:
    def test_forged_cookie_falls_back_with_a_message(self, client):
        """A lab cookie with a wrong signature is ignored, said, and deleted."""
        client.cookies[LAB_COOKIE_NAME] = signing.dumps({"engine": "file"}, salt="x")
        response = client.get(reverse("index"))
        assert response.status_code == 200
        assert "signature is wrong" in lab_notices(response)
        assert response.cookies[LAB_COOKIE_NAME]["max-age"] == 0
        assert panel_json(client)["engine"] == "db"

    def test_stale_cookie_falls_back_with_a_message(self, client):
        """A signed cookie naming what the project no longer offers is ignored."""
        value = signing.dumps({"cache_alias": "gone"}, salt=LAB_COOKIE_SALT)
        client.cookies[LAB_COOKIE_NAME] = value
        response = set_item(client, "colour", "green")
        assert response.status_code == 302
        assert (
            set_item(client, "colour", "green").cookies["sessionid"]["max-age"]
            == 1209600
        )
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
        assert panel_json(client) and client.cookies[LAB_COOKIE_NAME].value
        settings.ALLOWED_HOSTS = [".example.com", "course.example.org", "testserver"]
        page = client.get(reverse("index"), HTTP_HOST="course.example.org")
        assert "would refuse a cookie" in lab_notices(page)


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
