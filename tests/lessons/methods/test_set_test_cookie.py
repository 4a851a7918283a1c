"""
/methods/set-test-cookie/: the marker, and why checking it on the same
request proves nothing.
"""

import pytest
from django.urls import reverse

from tests.helpers import outcome, parse

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
