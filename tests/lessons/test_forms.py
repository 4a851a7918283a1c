"""
lessons/forms.py: bad input to the write try-its gets a 400 with a clear
message, and the session is left as it was.
"""

import pytest
from django.urls import reverse

from sessions_demo.lessons.forms import MAX_VALUE_BYTES
from tests.helpers import parse, post_try_it, set_item

pytestmark = pytest.mark.django_db


class TestBadInput:
    @pytest.mark.parametrize(
        ("url_name", "data", "message"),
        [
            ("setdefault", {"key": "", "value": "x"}, "This field is required."),
            ("setdefault", {"key": "_auth_user_id", "value": "1"}, "reserved"),
            ("pop", {"key": "_session_expiry"}, "reserved"),
            ("pop", {"key": ""}, "This field is required."),
            ("update", {"values": "[1, 2]"}, "Give a JSON object"),
            ("update", {"values": "not json"}, "Give a JSON object"),
            ("update", {"values": '{"_auth_user_id": "1"}'}, "reserved"),
            ("update", {"values": '{"": 1}'}, "Key '': This field is required."),
            ("update", {"values": "{" * 3000}, f"at most {MAX_VALUE_BYTES}"),
            ("update", {"values": "[" * 1500}, "Give a JSON object"),
        ],
    )
    def test_rejected_without_touching_session(self, client, url_name, data, message):
        """Bad input gets a 400 with a clear message; the session is untouched."""
        set_item(client, "keep", "me")
        before = dict(client.session.items())
        response = post_try_it(client, url_name, data)
        assert response.status_code == 400
        assert message in parse(response).select_one(".try-it").get_text()
        assert "sessionid" not in response.cookies
        assert dict(client.session.items()) == before

    def test_get_runs_nothing(self, client):
        """A GET shows the page; it never clears the session."""
        set_item(client, "keep", "me")
        response = client.get(reverse("clear"), {"run": "1"})
        assert response.status_code == 200
        assert client.session["keep"] == "me"
