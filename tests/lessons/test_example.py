"""
The guide's complete example (§5), running exactly as the guide writes it.
"""

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tests.helpers import parse

pytestmark = pytest.mark.django_db


class TestGuideExample:
    def test_round_trip(self, client):
        """set → "Hello, John Doe!" → delete → "Hello, Guest!"."""
        assert client.get(reverse("get_session")).content == b"Hello, Guest!"
        response = client.get(reverse("set_session"))
        assert response.content == b"Session data set!"
        assert client.get(reverse("get_session")).content == b"Hello, John Doe!"
        response = client.get(reverse("delete_session"))
        assert response.content == b"Session data deleted."
        assert response.cookies["sessionid"].value == ""
        assert client.get(reverse("get_session")).content == b"Hello, Guest!"

    def test_set_session_expires_in_300_seconds(self, client):
        """set_expiry(300): the cookie and the stored row both end in 300 s."""
        response = client.get(reverse("set_session"))
        cookie = response.cookies["sessionid"]
        assert cookie["max-age"] == 300
        assert client.session["_session_expiry"] == 300
        row = Session.objects.get(session_key=cookie.value)
        remaining = (row.expire_date - timezone.now()).total_seconds()
        assert 295 < remaining <= 300

    def test_delete_session_removes_stored_row(self, client):
        """flush() deletes the stored session; the old key loads nothing."""
        client.get(reverse("set_session"))
        old_key = client.session.session_key
        client.get(reverse("delete_session"))
        assert not Session.objects.filter(session_key=old_key).exists()

    def test_template_links(self, client):
        """/example/ renders the guide's template: three links to the guide's URLs."""
        page = parse(client.get(reverse("example")))
        links = page.select(".guide-template a")
        assert [(a.get_text(), a["href"]) for a in links] == [
            ("Set Session", "/set-session/"),
            ("Get Session", "/get-session/"),
            ("Delete Session", "/delete-session/"),
        ]
        assert "Django Session Example" in page.select_one(".guide-template h1").text
