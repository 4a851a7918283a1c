"""Predict, then run, in a real browser: the pick is checked against the run."""

import json
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from sessions_demo import course
from sessions_demo.course import predictions

from .test_panel import set_item

LESSONS = {lesson.path: lesson for lesson in course.lessons()}
PREDICTED = [LESSONS[prediction.lesson] for prediction in predictions.PREDICTIONS]


def press(page, box) -> None:
    """Press the button the prediction is about: the box's own, or the lesson's."""
    own = box.locator("form.predict-run button")
    button = own if own.count() else page.locator(".try-it-form button").last
    with page.expect_navigation():
        button.click()


@pytest.mark.parametrize("lesson", PREDICTED, ids=lambda lesson: lesson.url_name)
def test_the_verdict_is_what_the_server_checked(page, problems, lesson):
    """Pick, press: the page marks exactly the choices the run made true."""
    set_item(page, "colour", '"green"')
    page.goto(reverse(lesson.url_name))
    box = page.locator(".predict")
    expect(box).to_be_visible()
    box.locator("input[name=prediction]").first.check()
    picked = box.locator("input[name=prediction]").first.get_attribute("value")
    press(page, box)
    verdict = page.locator(".verdict")
    expect(verdict).to_be_visible()
    expect(verdict).to_contain_text("Checked against")
    answer = page.request.get(reverse("prediction", args=[lesson.url_name])).json()
    held = box.locator(".predict-choice.held")
    expect(held).to_have_count(len(answer["held"]))
    for value in answer["held"]:
        expect(box.locator(f'.predict-choice[data-choice="{value}"]')).to_contain_class(
            "held"
        )
    right = "true" if picked in answer["held"] else "false"
    expect(verdict).to_have_attribute("data-right", right)
    assert not problems


def test_right_then_wrong_on_the_same_button(page):
    """flush() with a session deletes the cookie; flushed again, it sends nothing."""
    set_item(page, "colour", '"green"')
    page.goto(reverse("flush"))
    page.check("input[name=prediction][value=deleted]")
    press(page, page.locator(".predict"))
    verdict = page.locator(".outcome .verdict")
    expect(verdict).to_contain_text("Right.")
    expect(verdict).to_contain_text('Set-Cookie: sessionid=""')
    page.check("input[name=prediction][value=deleted]")
    press(page, page.locator(".predict"))
    expect(verdict).to_contain_text("Not this time.")
    expect(verdict).to_contain_text("No Set-Cookie at all")
    expect(page.locator('.predict-choice[data-choice="none"]')).to_contain_class("held")


def test_without_a_guess_it_runs_and_asks_for_one_next_time(page, problems):
    """Pressing without a pick runs the lesson; the box asks for a guess first."""
    asked = []
    page.on("request", lambda r: "/predictions/" in r.url and asked.append(r.url))
    page.goto(reverse("set_test_cookie"))
    press(page, page.locator(".predict"))
    verdict = page.locator(".outcome .verdict")
    expect(verdict).to_contain_text("You ran it without a guess. Next time")
    expect(page.locator(".outcome .outcome-line").first).to_contain_text(
        "set_test_cookie()"
    )
    assert asked == []  # nothing to check
    assert not problems


def test_the_pick_stays_in_the_browser(page):
    """The pick is not sent with the lesson's form: the server never sees it."""
    page.goto(reverse("cycle_key"))
    page.check("input[name=prediction][value=new-kept]")
    with page.expect_request(lambda r: r.method == "POST") as sent:
        press(page, page.locator(".predict"))
    assert "prediction" not in (sent.value.post_data or "")
    stored = page.evaluate("Object.keys(sessionStorage)")
    assert not [key for key in stored if key.startswith("prediction:")]  # used up


def test_save_every_request_is_predicted_on_a_reload(page, settings):
    """With the setting on, "Load this page again" sets the cookie: "Yes" holds."""
    settings.SESSION_SAVE_EVERY_REQUEST = True
    set_item(page, "colour", '"green"')
    page.goto(reverse("session_save_every_request"))
    page.check("input[name=prediction][value=yes]")
    press(page, page.locator(".predict"))
    verdict = page.locator(".predict .verdict")
    expect(verdict).to_contain_text("Right.")
    expect(verdict).to_contain_text(
        re.compile(r"GET /settings/session-save-every-request/\?again=1 → 200")
    )


def test_a_refused_input_keeps_the_guess_for_the_real_run(page):
    """Input the form refuses runs nothing; the guess waits for the next run."""
    page.goto(reverse("setitem"))
    page.check("input[name=prediction][value=new]")
    page.fill("#id_key", "_reserved")
    press(page, page.locator(".predict"))
    expect(page.locator(".verdict")).to_contain_text("refused")
    kept = page.evaluate("sessionStorage.getItem('prediction:/methods/setitem/')")
    assert json.loads(kept) == {"choice": "new"}
