"""
course/predictions.py: "predict, then run". Each choice is a claim checked
against the request the lesson's button really sent, as the HTTP exchange
recorded it; nothing stores the right answer. The same button, run in
another state, makes another choice hold.
"""

import pytest
from django.urls import reverse

from sessions_demo import course
from sessions_demo.course import predictions
from sessions_demo.lab.engines import engine_path
from tests.helpers import panel_json, parse, set_item

pytestmark = pytest.mark.django_db


def verdict(client, url_name: str) -> dict:
    """Ask which choices of the lesson's prediction held on its last run."""
    return client.get(reverse("prediction", args=[url_name])).json()


def post(client, url_name: str, data=None):
    return client.post(reverse(url_name), data or {})


def run(client, url_name: str, **params):
    return client.get(reverse(url_name), {"run": "1", **params})


def start_test_cookie(client):
    post(client, "set_test_cookie")


# For every prediction: a state to start from, the button, and what holds then.
SCENARIOS = {
    "how_sessions_work": (None, lambda c: post(c, "how_sessions_work"), ["server"]),
    "setitem": (
        set_item,
        lambda c: post(c, "setitem", {"key": "k", "value": "1"}),
        ["same"],
    ),
    "delitem": (set_item, lambda c: post(c, "delitem", {"key": "username"}), ["same"]),
    "setdefault": (
        set_item,
        lambda c: post(c, "setdefault", {"key": "username", "value": "x"}),
        ["not-saved"],
    ),
    "pop": (
        set_item,
        lambda c: post(c, "pop", {"key": "missing", "with_default": "on"}),
        ["not-saved"],
    ),
    "clear": (set_item, lambda c: post(c, "clear"), ["same"]),
    "is_empty": (None, lambda c: run(c, "is_empty"), ["false"]),
    "modified": (
        lambda c: post(c, "modified", {"item": "apple"}),
        lambda c: post(c, "modified", {"item": "pear"}),
        ["not-saved"],
    ),
    "flush": (set_item, lambda c: post(c, "flush"), ["deleted"]),
    "cycle_key": (set_item, lambda c: post(c, "cycle_key"), ["new-kept"]),
    "set_expiry": (
        set_item,
        lambda c: post(c, "set_expiry", {"kind": "0"}),
        ["browser"],
    ),
    "set_test_cookie": (None, start_test_cookie, ["session"]),
    "test_cookie_worked": (
        start_test_cookie,
        lambda c: run(c, "test_cookie_worked"),
        ["true"],
    ),
    "delete_test_cookie": (
        start_test_cookie,
        lambda c: post(c, "delete_test_cookie"),
        ["same"],
    ),
    "engine_signed_cookies": (
        set_item,
        lambda c: post(c, "engine_signed_cookies", {"characters": "20"}),
        ["same"],  # on db, the key stays: only on signed_cookies does it change
    ),
    "session_expire_at_browser_close": (
        None,
        lambda c: post(c, "session_expire_at_browser_close"),
        ["max-age"],  # the project's default: a cookie with a Max-Age
    ),
    "session_save_every_request": (
        set_item,
        lambda c: c.get(reverse("session_save_every_request"), {"again": "1"}),
        ["no"],
    ),
}


def url_name_of(prediction) -> str:
    return next(
        lesson.url_name
        for lesson in course.lessons()
        if lesson.path == prediction.lesson
    )


class TestTheData:
    def test_at_least_twelve_lessons_with_a_trap_ask_first(self):
        """At least twelve lessons ask for a prediction, each a real lesson once."""
        paths = [prediction.lesson for prediction in predictions.PREDICTIONS]
        assert len(paths) >= 12
        assert len(set(paths)) == len(paths)
        assert set(paths) <= {lesson.path for lesson in course.lessons()}

    def test_every_choice_is_a_claim_with_a_unique_value(self):
        """Each choice has its own value and a claim to check, never an answer."""
        for prediction in predictions.PREDICTIONS:
            values = [choice.value for choice in prediction.choices]
            assert len(set(values)) == len(values) >= 2, prediction.lesson
            assert all(callable(choice.holds) for choice in prediction.choices)

    def test_every_prediction_has_a_scenario_here(self):
        """Each prediction is checked below against a real run of its button."""
        assert {url_name_of(p) for p in predictions.PREDICTIONS} == set(SCENARIOS)


@pytest.mark.parametrize("url_name", sorted(SCENARIOS))
def test_what_held_is_what_the_request_did(client, url_name):
    """After the button's request, exactly the choice that happened holds."""
    setup, press, expected = SCENARIOS[url_name]
    if setup:
        setup(client)
    press(client)
    answer = verdict(client, url_name)
    assert answer["ran"] is True
    assert answer["held"] == expected
    assert answer["evidence"]


class TestAnotherStateAnotherAnswer:
    def test_modified_with_the_tick_is_saved(self, client):
        """The same cart button, with modified ticked, is saved: the other choice."""
        post(client, "modified", {"item": "apple"})
        post(client, "modified", {"item": "pear", "mark_modified": "on"})
        assert verdict(client, "modified")["held"] == ["saved"]

    def test_flush_without_a_session_sends_nothing(self, client):
        """flush() with no cookie to delete answers with no Set-Cookie at all."""
        post(client, "flush")
        assert verdict(client, "flush")["held"] == ["none"]

    def test_signed_cookies_change_the_value_on_every_save(self, client, settings):
        """On signed_cookies, growing the session signs a new cookie value."""
        settings.SESSION_ENGINE = engine_path("signed_cookies")
        set_item(client)
        post(client, "engine_signed_cookies", {"characters": "20"})
        assert verdict(client, "engine_signed_cookies")["held"] == ["changes"]

    def test_save_every_request_sets_the_cookie_on_a_reload(self, client, settings):
        """With SESSION_SAVE_EVERY_REQUEST on, the plain reload sets the cookie."""
        settings.SESSION_SAVE_EVERY_REQUEST = True
        set_item(client)
        client.get(reverse("session_save_every_request"), {"again": "1"})
        assert verdict(client, "session_save_every_request")["held"] == ["yes"]

    def test_test_cookie_worked_is_false_without_step_one(self, client):
        """Without set_test_cookie() first, test_cookie_worked() answers False."""
        run(client, "test_cookie_worked")
        assert verdict(client, "test_cookie_worked")["held"] == ["false"]

    def test_a_key_set_before_makes_the_session_truthy(self, client):
        """With something stored, bool(request.session) is True."""
        set_item(client)
        run(client, "is_empty")
        assert verdict(client, "is_empty")["held"] == ["true"]


class TestTheEndpoint:
    def test_says_when_the_button_never_ran(self, client):
        """Before any run of the button, the answer says nothing ran."""
        assert verdict(client, "flush") == {"ran": False}

    def test_refused_input_is_no_run(self, client):
        """Input the form refused ran nothing: the answer says it was refused."""
        post(client, "setitem", {"key": "_private", "value": "1"})
        answer = verdict(client, "setitem")
        assert answer["refused"] is True

    def test_lessons_without_a_prediction_have_none(self, client):
        """A lesson without a trap has no prediction: 404."""
        assert client.get(reverse("prediction", args=["keys"])).status_code == 404

    def test_asking_never_writes_the_session(self, client, settings):
        """Asking is looking: no save, no cookie, even with SAVE_EVERY_REQUEST."""
        settings.SESSION_SAVE_EVERY_REQUEST = True
        set_item(client)
        before = panel_json(client)["expiry_date"]
        response = client.get(reverse("prediction", args=["setitem"]))
        assert "sessionid" not in response.cookies
        assert panel_json(client)["expiry_date"] == before


class TestOnThePage:
    def test_the_box_comes_before_the_lessons_button(self, client):
        """The question and its choices come right before the try-it's form."""
        box = parse(client.get(reverse("flush"))).select_one(".predict")
        assert box.find_next_sibling("form")["class"] == ["try-it-form"]
        values = [i["value"] for i in box.select("input[name=prediction]")]
        assert values == ["deleted", "same", "new", "none"]
        assert box["data-verdict-url"] == reverse("prediction", args=["flush"])

    def test_save_every_request_brings_its_own_button(self, client):
        """The reload to predict is a GET of the page: the box has that button."""
        box = parse(client.get(reverse("session_save_every_request"))).select_one(
            ".predict"
        )
        form = box.select_one("form.predict-run")
        assert form["method"] == "get"
        assert form.button.get_text() == "Load this page again"

    def test_lessons_without_a_trap_ask_nothing(self, client):
        """A lesson without a prediction shows no box."""
        assert parse(client.get(reverse("keys"))).select_one(".predict") is None
