"""
/methods/setdefault/: store unless present, on every engine.
"""

import pytest

from tests.helpers import outcome, post_try_it, set_item

pytestmark = pytest.mark.django_db


class TestSetDefault:
    def test_stores_when_missing(self, client, engine):
        """setdefault() stores the value of a missing key and returns it."""
        response = post_try_it(
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
        response = post_try_it(
            client, "setdefault", {"key": "username", "value": "X"}, follow=True
        )
        assert "→ 'JohnDoe'" in outcome(response)
        assert "nothing changed" in outcome(response)
        response = post_try_it(
            client, "setdefault", {"key": "nothing", "value": "X"}, follow=True
        )
        assert "→ None" in outcome(response)
        assert client.session["username"] == "JohnDoe"
        assert client.session["nothing"] is None

    def test_existing_key_saves_nothing(self, client, engine):
        """When the key is there, setdefault() only reads: no cookie is sent."""
        set_item(client, "username", "JohnDoe")
        response = post_try_it(client, "setdefault", {"key": "username", "value": "X"})
        assert "sessionid" not in response.cookies
        assert "Cookie" in response["Vary"]

    def test_the_returned_value_is_the_sessions_own(self, client, engine):
        """Appending to the list setdefault() returned does not mark it modified."""
        set_item(client, "cart", "[1]")
        session = client.session
        cart = session.setdefault("cart", [])
        cart.append(2)
        assert session["cart"] == [1, 2]
        assert session.modified is False
