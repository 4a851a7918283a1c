"""
/methods/test-cookie-worked/: on a later request, did the marker come back?
"""

import pytest
from django.urls import reverse

from tests.helpers import parse, set_item

pytestmark = pytest.mark.django_db


def check(client):
    page = parse(client.get(reverse("test_cookie_worked"), {"run": "1"}))
    return page.select_one(".outcome-line").get_text()


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
