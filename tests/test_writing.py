"""clear(), setdefault(), pop() and update() on every engine."""

import pytest
from django.urls import reverse

from sessions_demo.forms import MAX_VALUE_BYTES

from .conftest import parse
from .test_basics import outcome, set_item

pytestmark = pytest.mark.django_db


def post(client, url_name, data=None, **kwargs):
    return client.post(reverse(url_name), data or {}, **kwargs)


class TestClear:
    def test_removes_every_key(self, client, engine):
        """clear() removes every key, Django's _session_expiry included."""
        set_item(client, "username", "JohnDoe")
        post(client, "set_expiry", {"kind": "seconds", "seconds": "300"})
        response = post(client, "clear", follow=True)
        assert list(client.session.keys()) == []
        assert "removed 'username'" in outcome(response)
        assert "expiry moved" in outcome(response)

    def test_keeps_the_key_and_the_cookie(self, client, engine):
        """clear() saves an empty session and sends the cookie again."""
        set_item(client, "username", "JohnDoe")
        before = client.session.session_key
        response = post(client, "clear")
        assert response.status_code == 302
        assert response.cookies["sessionid"].value
        assert response.cookies["sessionid"]["max-age"] != 0
        if engine != "signed_cookies":  # there the key is the (now empty) data
            assert response.cookies["sessionid"].value == before
        assert client.session.session_key == response.cookies["sessionid"].value

    def test_is_not_empty_afterwards(self, client, engine):
        """A cleared session still has its key, so it is not empty."""
        set_item(client, "username", "JohnDoe")
        post(client, "clear")
        assert client.session.is_empty() is False
        assert bool(client.session) is True


class TestSetDefault:
    def test_stores_when_missing(self, client, engine):
        """setdefault() stores the value of a missing key and returns it."""
        response = post(
            client, "setdefault", {"key": "username", "value": "DefaultUser"}
        )
        assert response.cookies["sessionid"].value
        assert client.session["username"] == "DefaultUser"
        page = client.get(response.url)
        assert "setdefault('username', 'DefaultUser') → 'DefaultUser'" in outcome(page)

    def test_keeps_existing_value(self, client, engine):
        """setdefault() returns the stored value, even None, and changes nothing."""
        set_item(client, "username", "JohnDoe")
        set_item(client, "nothing", "null")
        response = post(
            client, "setdefault", {"key": "username", "value": "X"}, follow=True
        )
        assert "→ 'JohnDoe'" in outcome(response)
        assert "nothing changed" in outcome(response)
        response = post(
            client, "setdefault", {"key": "nothing", "value": "X"}, follow=True
        )
        assert "→ None" in outcome(response)
        assert client.session["username"] == "JohnDoe"
        assert client.session["nothing"] is None

    def test_existing_key_saves_nothing(self, client, engine):
        """When the key is there, setdefault() only reads: no cookie is sent."""
        set_item(client, "username", "JohnDoe")
        response = post(client, "setdefault", {"key": "username", "value": "X"})
        assert "sessionid" not in response.cookies
        assert "Cookie" in response["Vary"]


class TestPop:
    def test_removes_and_returns_value(self, client, engine):
        """pop(key) removes the key, returns its value and saves the session."""
        set_item(client, "username", "JohnDoe")
        set_item(client, "keep", "me")
        response = post(client, "pop", {"key": "username"})
        assert response.cookies["sessionid"].value
        assert "username" not in client.session
        assert client.session["keep"] == "me"
        page = client.get(response.url)
        assert "request.session.pop('username') → 'JohnDoe'" in outcome(page)

    def test_missing_key_with_default_returns_default(self, client, engine):
        """pop(key, default) returns the default for a missing key."""
        response = post(
            client,
            "pop",
            {"key": "nobody", "with_default": "on", "default": "Guest"},
            follow=True,
        )
        assert "request.session.pop('nobody', 'Guest') → 'Guest'" in outcome(response)
        response = post(
            client, "pop", {"key": "nobody", "with_default": "on"}, follow=True
        )
        assert "request.session.pop('nobody', None) → None" in outcome(response)

    def test_missing_key_without_default_is_explained_not_500(self, client, engine):
        """pop(key) on a missing key raises KeyError; the page shows it, no 500."""
        set_item(client, "keep", "me")
        response = post(client, "pop", {"key": "nobody"}, follow=True)
        assert response.status_code == 200
        assert "request.session.pop('nobody') → KeyError: 'nobody'" in outcome(response)
        assert "nothing changed" in outcome(response)
        assert client.session["keep"] == "me"

    def test_missing_key_saves_nothing(self, client, engine):
        """Popping a missing key does not mark the session modified."""
        set_item(client, "keep", "me")
        for data in ({"key": "nobody"}, {"key": "nobody", "with_default": "on"}):
            response = post(client, "pop", data)
            assert response.status_code == 302
            assert "sessionid" not in response.cookies


class TestUpdate:
    def test_stores_every_pair(self, client, engine):
        """update() stores every pair of the mapping and saves."""
        response = post(client, "update", {"values": '{"theme": "dark", "n": 2}'})
        assert response.cookies["sessionid"].value
        assert dict(client.session.items()) == {"theme": "dark", "n": 2}

    def test_overwrites_and_keeps_the_rest(self, client, engine):
        """update() overwrites the keys it names and keeps the others."""
        set_item(client, "theme", "light")
        set_item(client, "username", "JohnDoe")
        post(client, "update", {"values": '{"theme": "dark"}'})
        assert client.session["theme"] == "dark"
        assert client.session["username"] == "JohnDoe"

    def test_even_an_empty_update_saves(self, client, engine):
        """update({}) changes nothing, but marks the session modified: it is saved."""
        set_item(client, "username", "JohnDoe")
        response = post(client, "update", {"values": "{}"})
        assert response.cookies["sessionid"].value == client.session.session_key


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
        response = post(client, url_name, data)
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
