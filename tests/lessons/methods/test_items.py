"""
/methods/items/: the (key, value) pairs of the visitor's session.
"""

import pytest

from tests.helpers import new_session, outcome, reopen, run_reading, set_item

pytestmark = pytest.mark.django_db


class TestItems:
    def test_lists_every_pair(self, client, engine):
        """items() lists every (key, value) pair."""
        set_item(client, "username", "JohnDoe")
        response = run_reading(client, "items")
        assert "→ [('username', 'JohnDoe')]" in outcome(response)

    def test_values_come_back_as_json_types(self, client, engine):
        """db, file, signed_cookies give a tuple back as a list, an int key as text."""
        session = new_session({"pair": (1, 2), "by_id": {7: "x"}})
        if engine == "cached_db":
            session._cache.delete(session.cache_key)  # a miss: read from the row
        client.cookies["sessionid"] = session.session_key
        pairs = outcome(run_reading(client, "items"))
        if engine == "cache":  # never serialized: the cache's pickle keeps them
            assert "('pair', (1, 2)), ('by_id', {7: 'x'})" in pairs
        else:
            assert "('pair', [1, 2]), ('by_id', {'7': 'x'})" in pairs

    @pytest.mark.parametrize("engine", ["cached_db"], indirect=True)
    def test_cached_db_gives_its_cached_copy_until_a_miss(self, engine):
        """cached_db: a tuple comes back from the cache; after a miss, a list."""
        session = new_session({"pair": (1, 2)})
        assert reopen(session)["pair"] == (1, 2)
        session._cache.delete(session.cache_key)
        assert reopen(session)["pair"] == [1, 2]

    def test_reading_saves_nothing(self, client, engine):
        """Listing the items of a live session sends no cookie."""
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


class TestTheCopy:
    def test_a_dict_of_the_items_is_a_shallow_copy(self, engine):
        """Replacing a key of the copy changes nothing; a list inside is shared."""
        session = reopen(new_session({"cart": [1]}))
        copy = dict(session.items())
        copy["other"] = "x"
        copy["cart"].append(2)
        assert "other" not in session
        assert session["cart"] == [1, 2]
        assert session.modified is False
