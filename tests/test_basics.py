"""The guide's §2 basics, run on the visitor's own session through the pages."""

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from sessions_demo.forms import MAX_KEY_LENGTH, MAX_VALUE_BYTES

from .conftest import parse

pytestmark = pytest.mark.django_db


def set_item(client, key, value):
    return client.post(reverse("setitem"), {"key": key, "value": value})


def outcome(response) -> str:
    return parse(response).select_one(".outcome").get_text(" ", strip=True)


class TestSetItem:
    def test_stores_value_and_sets_cookie(self, client):
        """Setting an item saves it and sends the session cookie with Vary."""
        response = set_item(client, "username", "JohnDoe")
        assert response.status_code == 302
        assert client.session["username"] == "JohnDoe"
        cookie = response.cookies["sessionid"]
        assert cookie.value == client.session.session_key
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"
        assert cookie["path"] == "/"
        assert "Cookie" in response["Vary"]

    def test_json_literal_is_stored_typed(self, client):
        """A value that parses as JSON is stored as that type, else as text."""
        set_item(client, "answer", "42")
        set_item(client, "tags", '["a", 1]')
        set_item(client, "text", "not json")
        session = client.session
        assert session["answer"] == 42
        assert session["tags"] == ["a", 1]
        assert session["text"] == "not json"

    def test_overwrite_keeps_session_key(self, client):
        """Writing a key again changes the value, not the session key."""
        set_item(client, "username", "JohnDoe")
        key = client.session.session_key
        set_item(client, "username", "JaneDoe")
        assert client.session.session_key == key
        assert client.session["username"] == "JaneDoe"

    def test_redirected_page_shows_outcome_and_change(self, client):
        """After the redirect, the page says what ran and what changed."""
        response = set_item(client, "username", "JohnDoe")
        page = client.get(response.url)
        assert "request.session['username'] = 'JohnDoe'" in outcome(page)
        assert "added 'username'" in outcome(page)


class TestBadInput:
    @pytest.mark.parametrize(
        ("key", "value", "message"),
        [
            ("", "x", "This field is required."),
            ("_session_expiry", "0", "reserved for Django itself"),
            ("_auth_user_id", "1", "reserved for Django itself"),
            ("k" * (MAX_KEY_LENGTH + 1), "x", f"at most {MAX_KEY_LENGTH} characters"),
            ("big", "v" * (MAX_VALUE_BYTES + 1), f"at most {MAX_VALUE_BYTES}"),
            ("big", '"' + "é" * 1100 + '"', f"limit here is {MAX_VALUE_BYTES}"),
        ],
    )
    def test_rejected_without_touching_session(self, client, key, value, message):
        """Bad input gets a 400 with a clear message; the session is untouched."""
        set_item(client, "keep", "me")
        before = dict(client.session.items())
        response = set_item(client, key, value)
        assert response.status_code == 400
        assert message in parse(response).select_one(".try-it").get_text()
        assert "sessionid" not in response.cookies
        assert dict(client.session.items()) == before

    def test_non_finite_numbers_are_text(self, client):
        """NaN is not JSON, so it is stored as the string "NaN"."""
        set_item(client, "n", "NaN")
        assert client.session["n"] == "NaN"

    def test_deeply_nested_value_is_text_not_500(self, client):
        """Nesting too deep for the JSON parser is stored as plain text."""
        response = set_item(client, "deep", "[" * 1500)
        assert response.status_code == 302
        assert client.session["deep"] == "[" * 1500

    def test_get_is_refused_for_writes(self, client):
        """Reading the page never runs a write, even with a query string."""
        response = client.get(reverse("setitem"), {"key": "k", "value": "v"})
        assert response.status_code == 200
        assert "sessionid" not in response.cookies
        assert "k" not in client.session


class TestGet:
    def test_returns_stored_value(self, client):
        """get() returns the stored value."""
        set_item(client, "username", "JohnDoe")
        response = client.get(reverse("get"), {"key": "username", "default": "Guest"})
        assert "→ 'JohnDoe'" in outcome(response)

    def test_returns_default_when_missing(self, client):
        """get() returns the default for a missing key, None when none is given."""
        response = client.get(reverse("get"), {"key": "nobody", "default": "Guest"})
        assert "request.session.get('nobody', 'Guest') → 'Guest'" in outcome(response)
        response = client.get(reverse("get"), {"key": "nobody", "default": ""})
        assert "request.session.get('nobody', None) → None" in outcome(response)
        assert "nobody" not in client.session

    def test_reading_sets_vary_but_no_cookie(self, client):
        """Reading marks the session accessed (Vary: Cookie) but saves nothing."""
        set_item(client, "username", "JohnDoe")
        response = client.get(reverse("get"), {"key": "username"})
        assert "Cookie" in response["Vary"]
        assert "sessionid" not in response.cookies


class TestGetItem:
    def test_returns_stored_value(self, client):
        """session[key] returns the stored value."""
        set_item(client, "username", "JohnDoe")
        response = client.get(reverse("getitem"), {"key": "username"})
        assert "request.session['username'] → 'JohnDoe'" in outcome(response)

    def test_missing_key_raises_keyerror(self, client):
        """session[key] raises KeyError for a missing key; the page explains it."""
        response = client.get(reverse("getitem"), {"key": "nobody"})
        assert response.status_code == 200
        assert "KeyError: 'nobody'" in outcome(response)
        with pytest.raises(KeyError):
            client.session["nobody"]


class TestDelItem:
    def test_removes_key_and_saves(self, client):
        """del session[key] removes the key and saves the smaller session."""
        set_item(client, "username", "JohnDoe")
        set_item(client, "other", "x")
        response = client.post(reverse("delitem"), {"key": "username"})
        assert response.status_code == 302
        assert "username" not in client.session
        assert client.session["other"] == "x"
        assert response.cookies["sessionid"].value == client.session.session_key

    def test_missing_key_is_explained_not_500(self, client):
        """Deleting a missing key is explained on the page; nothing changes."""
        set_item(client, "other", "x")
        response = client.post(reverse("delitem"), {"key": "nobody"}, follow=True)
        assert response.status_code == 200
        assert "would raise KeyError" in outcome(response)
        assert "nothing changed" in outcome(response)

    def test_emptied_session_keeps_its_key_and_cookie(self, client):
        """Deleting the last key saves an empty session under the same key."""
        set_item(client, "username", "JohnDoe")
        key = client.session.session_key
        response = client.post(reverse("delitem"), {"key": "username"})
        assert response.cookies["sessionid"].value == key
        assert Session.objects.get(session_key=key).get_decoded() == {}
        assert client.session.is_empty() is False

    def test_only_flush_empties_it_enough_to_delete_the_cookie(self, client):
        """After flush() the session has no key and no data: the cookie is deleted."""
        set_item(client, "username", "JohnDoe")
        response = client.get(reverse("delete_session"))
        cookie = response.cookies["sessionid"]
        assert cookie.value == ""
        assert cookie["max-age"] == 0
        assert "Cookie" in response["Vary"]


class TestContains:
    def test_true_for_stored_key(self, client):
        """`key in session` is True for a stored key, even one holding None."""
        set_item(client, "nothing", "null")
        response = client.get(reverse("contains"), {"key": "nothing"})
        assert "'nothing' in request.session → True" in outcome(response)

    def test_false_for_missing_key(self, client):
        """`key in session` is False for a missing key and stores nothing."""
        response = client.get(reverse("contains"), {"key": "nobody"})
        assert "'nobody' in request.session → False" in outcome(response)
        assert "sessionid" not in response.cookies
