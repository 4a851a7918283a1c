"""
/methods/update/: store several keys in one call, on every engine.
"""

import pytest

from tests.helpers import post_try_it, set_item

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
