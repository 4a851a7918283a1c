"""
Whatever a session already holds, every page draws it and the visitor can
recover: data the forms now refuse may have been stored before they did (a
lone surrogate, a list nested a thousand deep, a session of 40 KB), and a store
outlives a deploy. Such sessions are written straight into the store here.
"""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse

from sessions_demo import course
from tests.helpers import panel_json, set_item

pytestmark = pytest.mark.django_db

DEEP = [[]]
for _ in range(999):
    DEEP = [DEEP]
ODD_DATA = {
    "\ud800": "lone \udfff surrogate",
    "name": "\ud800",
    "deep": DEEP,
    "infinite": float("inf"),
    "big": "x" * 40_000,
}
PAGES = [
    reverse("index"),
    reverse("lab"),
    reverse("panel"),
    reverse("panel_stored"),
    *(reverse(lesson.url_name) for lesson in course.lessons()),
]


@pytest.fixture
def stored_before(visitor):
    """Give the visitor a session that holds what no form lets in any more."""
    session = SessionStore()
    session.update(ODD_DATA)
    session.save()
    visitor.cookies["sessionid"] = session.session_key
    return session


@pytest.mark.parametrize("debug", [False, True], ids=["debug-off", "debug-on"])
def test_every_page_draws_it(visitor, stored_before, settings, debug):
    """Every page, the lab and the panel answer 200 for such a session."""
    settings.DEBUG = debug
    for page in PAGES:
        assert visitor.get(page).status_code == 200, page


def test_the_panel_shows_the_surrogate_as_its_escape(visitor, stored_before):
    """The panel shows half a pair as the escape \\ud800: the page is valid UTF-8."""
    page = visitor.get(reverse("setitem")).content.decode("utf-8")
    assert "\\ud800" in page
    assert panel_json(visitor)["data"]["name"] == "\ud800"


def test_guides_view_says_what_is_wrong(visitor, stored_before):
    """The guide's /get-session/ cannot greet half a character: a 409 that says so."""
    response = visitor.get(reverse("get_session"))
    assert response.status_code == 409
    assert b"not valid Unicode" in response.content


def test_the_visitor_recovers(visitor, stored_before):
    """Deleting the odd keys works, and so does storing something small."""
    for key in ("\ud800", "name", "deep", "big"):
        # A key as the browser can type it: half a pair never comes over HTTP.
        if key != "\ud800":
            assert visitor.post(reverse("delitem"), {"key": key}).status_code == 302
    assert set_item(visitor, "fresh", "start").status_code == 302
    assert visitor.post(reverse("clear")).status_code == 302
    assert panel_json(visitor)["data"] == {}


def test_a_try_it_on_it_leaves_it_as_it_was(visitor, stored_before):
    """Growing an oversized session is refused; nothing of it is lost."""
    response = set_item(visitor, "more", "x")
    assert response.status_code == 400
    assert SessionStore(stored_before.session_key).load().keys() == ODD_DATA.keys()
