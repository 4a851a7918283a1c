"""
The URL contract: literal paths that bookmarks and tests rely on.
"""

import pytest

from tests.helpers import parse

pytestmark = pytest.mark.django_db

CONTRACT_PAGES = [
    "/",
    "/start/how-sessions-work/",
    "/start/enabling-sessions/",
    "/methods/setitem/",
    "/methods/get/",
    "/methods/getitem/",
    "/methods/delitem/",
    "/methods/contains/",
    "/example/",
]

PANEL_FIELDS = {
    "engine",
    "cookie_name",
    "session_key",
    "data",
    "expiry_age",
    "expiry_date",
    "expire_at_browser_close",
    "storage",
}


@pytest.mark.parametrize("path", CONTRACT_PAGES)
def test_page_answers(client, path):
    """Each contracted page answers 200 with the live panel."""
    response = client.get(path)
    assert response.status_code == 200
    assert parse(response).select_one("#session-panel")


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/set-session/", b"Session data set!"),
        ("/get-session/", b"Hello, John Doe!"),
        ("/delete-session/", b"Session data deleted."),
    ],
)
def test_guide_example_paths(client, path, body):
    """The guide's three views answer at the guide's paths, in order."""
    client.get("/set-session/")
    assert client.get(path).content == body


def test_setitem_form_posts_key_and_value(client):
    """/methods/setitem/ takes `key` and `value`, the value as a JSON literal."""
    response = client.post("/methods/setitem/", {"key": "n", "value": "[1, 2]"})
    assert response.status_code == 302
    assert client.session["n"] == [1, 2]
    form = parse(client.get("/methods/setitem/")).select_one("form.try-it-form")
    assert form["method"] == "post"
    assert {field["name"] for field in form.select("input[type=text]")} == {
        "key",
        "value",
    }


def test_panel_json_fields(client):
    """/panel/ answers JSON with at least the contracted fields."""
    client.post("/methods/setitem/", {"key": "username", "value": "JohnDoe"})
    data = client.get("/panel/").json()
    assert data.keys() >= PANEL_FIELDS
    assert data["data"] == {"username": "JohnDoe"}
    assert data["engine"] == "db"
    assert data["cookie_name"] == "sessionid"
    assert data["expiry_date"].startswith("20")
