"""Logging in and out, and signing out everywhere, clicked through in Chromium."""

import re
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse
from playwright.sync_api import expect

from tests.helpers import DEMO_USER_NAME

from .test_lab import switch_engine
from .test_panel import changes, panel_row, set_item

KEY_CHANGE = re.compile(r"^session key regenerated: \w{8}… → \w{8}…$")


@pytest.fixture(autouse=True)
def learner(transactional_db) -> None:
    """Make the demo user again, as its migration does.

    A live-server test empties every table afterwards, so what a data
    migration made is gone for the next one. (serialized_rollback cannot put
    it back here: Playwright's running event loop gives the test another
    database connection than the one the suite serialized.)
    """
    migration = import_module("sessions_demo.migrations.0001_learner")
    migration.create_learner(apps, schema_editor=None)


def log_in(page, password: str = "sessions", username: str = "learner") -> None:
    """Fill the login lesson's form (as learner unless told) and press Log in."""
    page.goto(reverse("login"))
    form = page.locator("form", has=page.locator("input[value=log_in]"))
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        form.locator("button").click()


def press(page, try_it: str) -> None:
    """Press the button of one of the page's other try-its."""
    form = page.locator("form", has=page.locator(f"input[value={try_it}]"))
    with page.expect_navigation():
        form.locator("button").click()


def make_own_user(page) -> str:
    """Press "Make me my own demo user" where the page offers it; return the name."""
    with page.expect_navigation():
        page.click("form.own-demo-user button")
    shown = page.locator(".outcome-line").filter(has_text="create_user(")
    expect(shown).to_contain_text(DEMO_USER_NAME)
    return DEMO_USER_NAME.search(shown.inner_text())[0]


def status(page):
    return page.locator(".login-status")


def session_key(page) -> str:
    key = page.locator('#session-panel [data-field="session_key"] code')
    expect(key).to_have_text(re.compile(r"\w{32}"))
    return key.inner_text()


def test_log_in_renews_the_key_and_log_out_empties(page, problems):
    """Log in: a new key and Django's three keys; log out: an empty session."""
    set_item(page, "colour", '"green"')
    before = session_key(page)
    log_in(page)
    expect(status(page)).to_contain_text("You are logged in as learner")
    expect(page.locator(".outcome-line").first).to_contain_text("login(request")
    for key in ("_auth_user_id", "_auth_user_backend", "_auth_user_hash"):
        expect(panel_row(page, key)).to_contain_text("Django’s")
    expect(panel_row(page, "colour")).to_have_count(1)
    expect(changes(page).filter(has_text="session key")).to_have_text([KEY_CHANGE])
    assert session_key(page) != before
    press(page, "log_out")
    expect(status(page)).to_contain_text("You are not logged in")
    expect(page.locator("#session-panel [data-field=data]")).to_have_text("Empty.")
    assert not [c for c in page.context.cookies() if c["name"] == "sessionid"]
    assert not problems


def test_wrong_password_shows_the_form_again(page, base_url, problems):
    """A wrong password: the form again with a message, a 400, nothing lost."""
    set_item(page, "colour", '"green"')
    before = session_key(page)
    page.goto(reverse("login"))
    form = page.locator("form", has=page.locator("input[value=log_in]"))
    form.locator("input[name=password]").fill("wrong")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        form.locator("button").click()
    assert answer.value.status == 400
    expect(page.locator(".errorlist")).to_contain_text("Wrong username or password")
    expect(page.locator("input[name=username]")).to_have_value("learner")
    expect(status(page)).to_contain_text("You are not logged in")
    expect(panel_row(page, "colour")).to_have_count(1)
    assert session_key(page) == before
    assert problems.failed_requests == [f"{base_url}{reverse('login')}: HTTP 400"]
    assert [error for error in problems.console_errors if "400" not in error] == []


def test_sign_out_everywhere_logs_the_other_browser_out(browser, base_url, page):
    """Two browsers of one's own user on user_db: both out; a classmate stays in."""
    other = browser.new_context(base_url=base_url).new_page()
    classmate = browser.new_context(base_url=base_url).new_page()
    page.goto(reverse("login"))
    name = make_own_user(page)
    for tab, username in ((page, name), (other, name), (classmate, "learner")):
        tab.goto(reverse("custom_engine"))
        switch_engine(tab, "user_db")
        log_in(tab, username=username)
        expect(status(tab)).to_contain_text(f"You are logged in as {username}.")
    page.goto(reverse("custom_engine"))
    rows = page.locator(".active-sessions tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="this browser")).to_have_count(1)
    with page.expect_navigation():
        page.click("#try-it .try-it-form:not(.own-demo-user) button")
    expect(page.locator(".outcome-line").first).to_contain_text(
        f"deleted 2 session(s) of {name}"
    )
    expect(page.locator(".explanation")).not_to_contain_text("this browser")
    other.reload()
    expect(status(other)).to_contain_text("You are not logged in")
    classmate.reload()
    expect(status(classmate)).to_contain_text("You are logged in as learner.")
    other.context.close()
    classmate.context.close()


def test_learner_is_refused_and_offered_an_own_user(page, base_url, problems):
    """learner's Sign out everywhere: a 400 saying why; the button makes a user."""
    page.goto(reverse("custom_engine"))
    switch_engine(page, "user_db")
    log_in(page)
    page.goto(reverse("custom_engine"))
    expect(page.locator(".shared-user")).to_contain_text("not listed")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.click("#try-it .try-it-form:not(.own-demo-user) button")
    assert answer.value.status == 400
    expect(page.locator(".outcome-line")).to_contain_text(
        "Refused for learner: everybody on this server may log in as learner"
    )
    expect(page.locator("#try-it")).to_contain_text("You are logged in as learner.")
    name = make_own_user(page)
    assert page.url.endswith(f"{reverse('login')}#try-it")
    log_in(page, username=name)
    expect(status(page)).to_contain_text(f"You are logged in as {name}.")
    assert problems.failed_requests == [
        f"{base_url}{reverse('custom_engine')}: HTTP 400"
    ]
