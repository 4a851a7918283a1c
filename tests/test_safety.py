"""Odd input on any lesson is answered with a message, never a server error."""

import pytest
from django.test import Client
from django.urls import reverse

from sessions_demo import course

pytestmark = pytest.mark.django_db

ODD_VALUES = [
    "",
    "_secret",
    "\x00",
    "a;b\r\nSet-Cookie: x=1",
    "é" * 5000,
    "1e309",
    "[" * 3000,
    "</script><script>alert(1)</script>",
]
FIELDS = [
    "key",
    "value",
    "default",
    "seconds",
    "moment",
    "kind",
    "data",
    "item",
    "characters",
    "with_default",
    "mark_modified",
    "run",
]


@pytest.mark.parametrize("lesson", course.lessons(), ids=lambda lesson: lesson.slug)
def test_no_server_error_on_odd_input(client, lesson):
    """Every field set to an odd value: a 2xx, 3xx or 4xx, never a 5xx."""
    url = reverse(lesson.url_name)
    for odd in ODD_VALUES:
        data = dict.fromkeys(FIELDS, odd)
        assert client.post(url, data).status_code < 500, repr(odd)
        assert client.get(url, data).status_code < 500, repr(odd)


def test_post_without_csrf_token_is_refused():
    """State changes need a CSRF token: a forged POST gets a 403."""
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("setitem"), {"key": "k", "value": "v"})
    assert response.status_code == 403
    assert "k" not in strict.session
