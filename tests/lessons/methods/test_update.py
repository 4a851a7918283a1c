"""
/methods/update/: store several keys in one call, on every engine.
"""

import json

import pytest
from django.urls import reverse

from sessions_demo.lessons.forms import MAX_KEY_LENGTH, MAX_VALUE_BYTES
from tests.helpers import parse, post_try_it, set_item, text

pytestmark = pytest.mark.django_db


class TestUpdate:
    def test_stores_every_pair(self, client, engine):
        """update() stores every pair of the mapping and saves."""
        response = post_try_it(
            client, "update", {"values": '{"theme": "dark", "n": 2}'}
        )
        assert response.cookies["sessionid"].value
        assert dict(client.session.items()) == {"theme": "dark", "n": 2}

    def test_overwrites_and_keeps_the_rest(self, client, engine):
        """update() overwrites the keys it names and keeps the others."""
        set_item(client, "theme", "light")
        set_item(client, "username", "JohnDoe")
        post_try_it(client, "update", {"values": '{"theme": "dark"}'})
        assert client.session["theme"] == "dark"
        assert client.session["username"] == "JohnDoe"

    def test_even_an_empty_update_saves(self, client, engine):
        """update({}) changes nothing, but marks the session modified: it is saved."""
        set_item(client, "username", "JohnDoe")
        response = post_try_it(client, "update", {"values": "{}"})
        assert response.cookies["sessionid"].value == client.session.session_key

    def test_a_nested_dict_is_replaced_not_merged(self, client, engine):
        """update({"cart": {...}}) throws the old cart away."""
        post_try_it(client, "update", {"values": '{"cart": {"a": 1, "b": 2}}'})
        post_try_it(client, "update", {"values": '{"cart": {"c": 3}}'})
        assert client.session["cart"] == {"c": 3}

    def test_an_empty_update_of_an_empty_session_saves_nothing(self, client, engine):
        """update({}) marks a new visitor's session modified; empty, it is not saved."""
        response = post_try_it(client, "update", {"values": "{}"})
        assert response.status_code == 302
        assert "sessionid" not in response.cookies


class TestBounds:
    def test_each_value_takes_at_most_the_value_bound(self, client, engine):
        """A value over MAX_VALUE_BYTES as JSON is refused, though its text is short."""
        key = set_item(client).cookies["sessionid"].value
        accented = "é" * 600  # 602 characters typed, 3602 bytes as JSON
        text = json.dumps({"note": accented}, ensure_ascii=False)
        assert len(text) < MAX_VALUE_BYTES < len(json.dumps(accented))
        response = post_try_it(client, "update", {"values": text})
        assert response.status_code == 400
        said = parse(response).select_one(".try-it").get_text()
        assert "Key 'note': The value takes 3602 bytes as JSON" in said
        assert f"the limit here is {MAX_VALUE_BYTES} bytes" in said
        assert "sessionid" not in response.cookies
        assert client.session.session_key == key
        assert dict(client.session.items()) == {"username": "JohnDoe"}

    def test_keys_and_the_object_have_the_stated_lengths(self, client):
        """The page states set-item's key length and the object's; both enforced."""
        intro = text(parse(client.get(reverse("update"))).select_one(".try-it"))
        assert f"at most {MAX_KEY_LENGTH} characters" in intro
        assert f"the whole object takes at most {MAX_VALUE_BYTES} characters" in intro
        long_key = json.dumps({"k" * (MAX_KEY_LENGTH + 1): 1})
        assert post_try_it(client, "update", {"values": long_key}).status_code == 400
        padded = json.dumps({"k": "v" * MAX_VALUE_BYTES})[: MAX_VALUE_BYTES + 1]
        assert post_try_it(client, "update", {"values": padded}).status_code == 400
        ok = json.dumps({"k" * MAX_KEY_LENGTH: 1})
        assert post_try_it(client, "update", {"values": ok}).status_code == 302
