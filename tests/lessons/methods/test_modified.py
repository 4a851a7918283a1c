"""
/methods/modified/: a change inside a stored value is lost unless the view
sets `modified`.
"""

import pytest
from django.urls import reverse

from sessions_demo.lessons.methods.modified import CART_KEY, CART_LIMIT
from tests.helpers import outcome, parse, set_item

pytestmark = pytest.mark.django_db


def add(client, item, mark_modified=False):
    data = {"item": item, **({"mark_modified": "on"} if mark_modified else {})}
    return client.post(reverse("modified"), data)


class TestModified:
    def test_nested_change_is_lost(self, client, engine):
        """Appending inside a stored dict leaves modified False: nothing is saved."""
        add(client, "apple")
        response = add(client, "pear")
        assert "sessionid" not in response.cookies
        assert client.session[CART_KEY] == {"items": ["apple"]}
        text = outcome(client.get(response.url))
        assert "request.session.modified → False" in text
        assert "changed 'cart', in memory only: not saved" in text

    def test_nested_change_is_saved_when_flagged(self, client, engine):
        """Setting session.modified = True after the append saves it."""
        add(client, "apple")
        response = add(client, "pear", mark_modified=True)
        assert response.cookies["sessionid"].value == client.session.session_key
        assert client.session[CART_KEY] == {"items": ["apple", "pear"]}
        text = outcome(client.get(response.url))
        assert (
            "request.session.modified → False\nrequest.session.modified = True" in text
        )
        assert "changed 'cart'" in text
        assert "not saved" not in text

    def test_assignment_sets_the_flag(self, client, engine):
        """The first run assigns the cart, which is saved without any flag."""
        response = add(client, "apple")
        assert response.cookies["sessionid"].value
        assert client.session[CART_KEY] == {"items": ["apple"]}

    def test_save_every_request_saves_it_anyway(self, client, settings, engine):
        """With SESSION_SAVE_EVERY_REQUEST the nested change is saved regardless."""
        settings.SESSION_SAVE_EVERY_REQUEST = True
        add(client, "apple")
        add(client, "pear")
        assert client.session[CART_KEY] == {"items": ["apple", "pear"]}

    def test_reassigning_the_value_saves(self, client, engine):
        """Assigning the changed value back marks the session modified."""
        add(client, "apple")
        session = client.session
        cart = session[CART_KEY]
        cart["items"].append("pear")
        assert session.modified is False
        session[CART_KEY] = cart
        assert session.modified is True

    def test_a_cart_of_another_shape_is_replaced_not_500(self, client):
        """A "cart" stored by hand as something else is replaced by assignment."""
        set_item(client, CART_KEY, "42")
        response = add(client, "apple")
        assert response.status_code == 302
        assert client.session[CART_KEY] == {"items": ["apple"]}

    def test_the_cart_is_bounded(self, client):
        """The cart stops growing at CART_LIMIT items and says so."""
        add(client, "first")
        for number in range(CART_LIMIT):
            response = add(client, f"item {number}", mark_modified=True)
        assert len(client.session[CART_KEY]["items"]) == CART_LIMIT
        assert f"already holds {CART_LIMIT} items" in outcome(client.get(response.url))


class TestBadInput:
    @pytest.mark.parametrize(
        ("item", "message"),
        [("", "This field is required."), ("x" * 41, "at most 40 characters")],
    )
    def test_rejected_without_touching_session(self, client, item, message):
        """A missing or too long item gets a 400; the session is untouched."""
        add(client, "apple")
        before = dict(client.session.items())
        response = add(client, item, mark_modified=True)
        assert response.status_code == 400
        assert message in parse(response).select_one(".try-it").get_text()
        assert "sessionid" not in response.cookies
        assert dict(client.session.items()) == before
