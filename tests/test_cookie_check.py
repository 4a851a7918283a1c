"""The test cookie's two-request flow, on every engine."""

import pytest
from django.urls import reverse

from .conftest import parse
from .test_basics import outcome, set_item

pytestmark = pytest.mark.django_db

MARKER = {"testcookie": "worked"}


def check(client):
    page = parse(client.get(reverse("test_cookie_worked"), {"run": "1"}))
    return page.select_one(".outcome-line").get_text()


class TestSetTestCookie:
    def test_stores_the_marker_and_sends_the_cookie(self, client, engine):
        """set_test_cookie() stores testcookie="worked" and sends the session cookie."""
        response = client.post(reverse("set_test_cookie"))
        assert response.status_code == 302
        assert response.cookies["sessionid"].value
        assert dict(client.session.items()) == MARKER

    def test_same_request_check_is_always_true(self, client, engine):
        """On the same request it says True even if the browser drops the cookie."""
        response = client.post(reverse("set_test_cookie"))
        del client.cookies["sessionid"]  # a browser that refuses the cookie
        text = outcome(client.get(response.url))
        assert "test_cookie_worked() on this same request → True" in text
        assert check(client) == "request.session.test_cookie_worked() → False"


class TestTestCookieWorked:
    def test_true_when_the_browser_sent_the_cookie(self, client, engine):
        """On the next request, with the cookie sent back, it returns True."""
        client.post(reverse("set_test_cookie"))
        assert check(client) == "request.session.test_cookie_worked() → True"

    def test_false_when_the_browser_refused_it(self, client, engine):
        """A browser that drops the cookie comes back without it: False."""
        client.post(reverse("set_test_cookie"))
        del client.cookies["sessionid"]
        assert check(client) == "request.session.test_cookie_worked() → False"

    def test_false_before_setting_it(self, client, engine):
        """Without the marker it returns False and creates no session."""
        set_item(client, "username", "JohnDoe")
        client.get("/")  # shows the pending messages
        response = client.get(reverse("test_cookie_worked"), {"run": "1"})
        assert "→ False" in parse(response).select_one(".outcome-line").get_text()
        assert "sessionid" not in response.cookies


class TestDeleteTestCookie:
    def test_removes_the_marker(self, client, engine):
        """delete_test_cookie() removes the marker and keeps the rest and the key."""
        set_item(client, "username", "JohnDoe")
        client.post(reverse("set_test_cookie"))
        response = client.post(reverse("delete_test_cookie"))
        assert dict(client.session.items()) == {"username": "JohnDoe"}
        assert response.cookies["sessionid"].value == client.session.session_key
        assert check(client) == "request.session.test_cookie_worked() → False"

    def test_missing_marker_is_explained_not_500(self, client, engine):
        """Without the marker the page explains the KeyError; nothing changes."""
        set_item(client, "username", "JohnDoe")
        response = client.post(reverse("delete_test_cookie"), follow=True)
        assert response.status_code == 200
        assert "would raise KeyError" in outcome(response)
        assert "nothing changed" in outcome(response)
        assert dict(client.session.items()) == {"username": "JohnDoe"}
        with pytest.raises(KeyError):
            client.session.delete_test_cookie()  # what the guide's view would do
