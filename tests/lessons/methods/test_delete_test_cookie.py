"""
/methods/delete-test-cookie/: removing the test marker, on every engine.
"""

import pytest
from django.urls import reverse

from tests.helpers import outcome, parse, set_item

pytestmark = pytest.mark.django_db


def check(client):
    page = parse(client.get(reverse("test_cookie_worked"), {"run": "1"}))
    return page.select_one(".outcome-line").get_text()


class TestDeleteTestCookie:
    def test_removes_the_marker(self, client, engine):
        """delete_test_cookie() removes the marker and keeps the rest and the key."""
        set_item(client, "username", "JohnDoe")
        client.post(reverse("set_test_cookie"))
        before = client.cookies["sessionid"].value
        response = client.post(reverse("delete_test_cookie"))
        assert dict(client.session.items()) == {"username": "JohnDoe"}
        after = response.cookies["sessionid"].value
        assert (after == before) is (engine != "signed_cookies")
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
