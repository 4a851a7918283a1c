"""
/methods/items/: the (key, value) pairs of the visitor's session.
"""

import pytest

from tests.helpers import outcome, run_reading, set_item

pytestmark = pytest.mark.django_db


class TestItems:
    def test_lists_every_pair(self, client, engine):
        """items() lists every (key, value) pair."""
        set_item(client, "username", "JohnDoe")
        response = run_reading(client, "items")
        assert "→ [('username', 'JohnDoe')]" in outcome(response)

    def test_values_come_back_as_json_types(self, client, engine):
        """Values are what the JSON serializer returns: objects, lists, numbers."""
        set_item(client, "prefs", '{"1": [1, 2.5, true, null]}')
        response = run_reading(client, "items")
        assert "('prefs', {'1': [1, 2.5, True, None]})" in outcome(response)

    def test_reading_saves_nothing(self, client, engine):
        """Listing items sends no cookie."""
        set_item(client, "username", "JohnDoe")
        response = run_reading(client, "items")
        assert "Cookie" in response["Vary"]
        assert "sessionid" not in response.cookies

    def test_a_dict_of_items_is_a_copy(self, client, engine):
        """Changing dict(session.items()) changes nothing in the session."""
        set_item(client, "username", "JohnDoe")
        session = client.session
        copy = dict(session.items())
        copy["username"] = "changed"
        assert session["username"] == "JohnDoe"
        assert session.modified is False
