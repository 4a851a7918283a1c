"""
/methods/setitem/: `request.session[key] = value` through the page, on
every engine, and the input it refuses.
"""

from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from sessions_demo.lessons.forms import MAX_KEY_LENGTH, MAX_VALUE_BYTES
from tests.helpers import new_session, outcome, parse, reopen, set_item, travel

pytestmark = pytest.mark.django_db

COOKIE_AGE = 60 * 60 * 24 * 14


class TestSetItem:
    def test_stores_value_and_sets_cookie(self, client, engine):
        """Setting an item saves it and sends the session cookie with Vary."""
        response = set_item(client, "username", "JohnDoe")
        assert response.status_code == 302
        assert client.session["username"] == "JohnDoe"
        cookie = response.cookies["sessionid"]
        assert cookie.value == client.session.session_key
        assert cookie["max-age"] == COOKIE_AGE
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"
        assert cookie["path"] == "/"
        assert "Cookie" in response["Vary"]

    def test_json_literal_is_stored_typed(self, client, engine):
        """A value that parses as JSON is stored as that type, else as text."""
        set_item(client, "answer", "42")
        set_item(client, "tags", '["a", 1]')
        set_item(client, "text", "not json")
        session = client.session
        assert session["answer"] == 42
        assert session["tags"] == ["a", 1]
        assert session["text"] == "not json"

    def test_overwrite_keeps_session_key(self, client, engine):
        """Writing a key again keeps the key; signed_cookies renew it at every save."""
        first = set_item(client, "username", "JohnDoe").cookies["sessionid"].value
        with travel(1):  # a second later: a signed cookie's timestamp moves
            second = set_item(client, "username", "JaneDoe")
        assert client.session["username"] == "JaneDoe"
        assert (second.cookies["sessionid"].value == first) is (
            engine != "signed_cookies"
        )

    def test_a_key_the_store_forgot_is_replaced_on_save(self, client, engine):
        """A cookie whose session expired gets a new key when the session is saved."""
        old = set_item(client, "username", "JohnDoe").cookies["sessionid"].value
        with travel(COOKIE_AGE + 60):
            response = set_item(client, "theme", "dark")
        assert response.cookies["sessionid"].value not in ("", old)
        assert dict(client.session.items()) == {"theme": "dark"}

    def test_what_survives_depends_on_the_engine(self, engine):
        """A tuple becomes a list and a datetime is refused; cache keeps both."""
        session = new_session({"pair": (1, 2)})
        if engine == "cached_db":
            session._cache.delete(session.cache_key)  # read the row, not the copy
        pair = reopen(session)["pair"]
        assert pair == ((1, 2) if engine == "cache" else [1, 2])
        when = {"when": timezone.now()}
        if engine == "cache":
            assert reopen(new_session(when))["when"] == when["when"]
        else:
            with pytest.raises(TypeError, match="not JSON serializable"):
                new_session(when)

    def test_redirected_page_shows_outcome_and_change(self, client, engine):
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


class TestWhatMarksItModified:
    @pytest.mark.parametrize(
        "change",
        [
            lambda s: s.__setitem__("k", 1),
            lambda s: s.__delitem__("username"),
            lambda s: s.pop("username"),
            lambda s: s.update({"k": 1}),
            lambda s: s.clear(),
            lambda s: s.setdefault("k", 1),
        ],
        ids=["assign", "del", "pop", "update", "clear", "setdefault"],
    )
    def test_calls_on_the_session_mark_it(self, engine, change):
        """Assigning, del, pop(), update(), clear(), setdefault() set modified."""
        session = reopen(new_session({"username": "JohnDoe", "cart": [1]}))
        change(session)
        assert session.modified is True

    def test_a_change_inside_a_value_does_not(self, engine):
        """Appending to a stored list leaves modified False, and is not saved."""
        session = reopen(new_session({"cart": [1]}))
        session["cart"].append(2)
        assert session.modified is False
        session = reopen(session)
        assert session["cart"] == [1]

    def test_signed_cookies_same_data_same_second_same_key(self, settings):
        """signed_cookies: the timestamp counts seconds, so one second, one key."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
        with mock.patch("django.core.signing.time.time", return_value=1_800_000_000):
            first = new_session({"cart": [1]}).session_key
            again = new_session({"cart": [1]}).session_key
        with mock.patch("django.core.signing.time.time", return_value=1_800_000_001):
            later = new_session({"cart": [1]}).session_key
        assert first == again != later
