"""The live panel in a real browser: current after every action, counting down."""

import re
import time
from datetime import timedelta

from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from sessions_demo.lab.engines import engine_path
from sessions_demo.panel.tags import duration

SCRIPT = "</script><script>alert(1)</script>"
UNITS = {"day": 86400, "days": 86400, "h": 3600, "min": 60, "s": 1}
# "4 min 59 s", "13 days 23 h": as `duration` spells it, two units at most.
COUNTDOWN = re.compile(r"^\d+ (days?|h|min|s)( \d+ (h|min|s))?$")


def set_item(page, key: str, value: str) -> None:
    """Store key=value with the setitem lesson's form, as a learner would."""
    page.goto(reverse("setitem"))
    page.fill("#id_key", key)
    page.fill("#id_value", value)
    with page.expect_navigation():
        page.click(".try-it-form button")


def set_expiry(page, kind: str, seconds: str = "") -> None:
    """Call set_expiry() with the set-expiry lesson's form."""
    page.goto(reverse("set_expiry"))
    page.check(f"input[name=kind][value='{kind}']")
    if seconds:
        page.fill("#id_seconds", seconds)
    with page.expect_navigation():
        page.click(".try-it-form button")


def session_cookies(page) -> list[dict]:
    return [c for c in page.context.cookies() if c["name"] == "sessionid"]


def panel_row(page, key: str):
    return page.locator("#session-panel .panel-data tbody tr").filter(
        has=page.locator("td:first-child code", has_text=key)
    )


def seconds_left(page) -> int:
    """Read the countdown ("4m 59s") as a number of seconds, once it shows one."""
    age = page.locator("#session-panel .expiry-age")
    expect(age).to_have_text(COUNTDOWN)
    text = age.inner_text()
    pairs = re.findall(r"(\d+) (days?|h|min|s)\b", text)
    return sum(int(n) * UNITS[unit] for n, unit in pairs)


def changes(page):
    """The panel's list of what changed, but for the expiry sliding on save.

    Every save sets the expiry afresh (it counts from the last save), so the
    panel also says "expiry moved 2 s later" when seconds passed in between.
    """
    return page.locator("#session-panel .panel-changes li").filter(
        has_not_text=re.compile(r"^expiry moved .* later")
    )


def refocus(page) -> None:
    """Bring the tab back as a learner would: the panel asks /panel/ again.

    Return once the panel has shown the answer. The response reaching the
    browser is not enough: the script still reads its body and renders it.
    The panel is aria-busy from its request until then.
    """
    with page.expect_request(lambda r: r.url.endswith(reverse("panel"))):
        page.evaluate("window.dispatchEvent(new Event('focus'))")
    expect(page.locator("#session-panel")).not_to_have_attribute("aria-busy", "true")


class TestAfterAnAction:
    def test_set_item_shows_in_panel_and_says_what_changed(self, page, problems):
        """The item set with the form is in the panel, marked as just added."""
        set_item(page, "colour", '"green"')
        row = panel_row(page, "colour")
        expect(row.locator("td")).to_have_text(["colour", '"green"'])
        expect(row).to_contain_class("just-changed")
        box = page.locator("#session-panel .panel-changes")
        expect(box).to_be_visible()
        expect(box.locator("li")).to_have_text(["session started", "added 'colour'"])
        assert not problems

    def test_overwrite_is_named_as_a_change(self, page):
        """Setting the same key again shows it as changed, not added."""
        set_item(page, "colour", '"green"')
        set_item(page, "colour", '"blue"')
        expect(changes(page)).to_have_text(["changed 'colour'"])

    def test_plain_navigation_reports_no_change(self, page, engine):
        """Moving on without changing anything shows no change, on every engine."""
        set_item(page, "colour", '"green"')
        # Not a wait for the page: time has to pass, so that an expiry counted
        # afresh from "now" would move by a second, and show as a change.
        page.wait_for_timeout(1_100)
        page.goto(reverse("get"))
        expect(panel_row(page, "colour")).to_be_visible()
        expect(page.locator('#session-panel [data-field="engine"]')).to_have_text(
            engine
        )
        expect(page.locator("#session-panel .panel-changes")).to_be_hidden()

    def test_signed_cookies_sign_a_new_cookie_not_a_new_key(self, page, settings):
        """With signed_cookies every save makes a new cookie: no "regenerated"."""
        settings.SESSION_ENGINE = engine_path("signed_cookies")
        set_item(page, "colour", '"green"')
        set_item(page, "size", "42")
        expect(changes(page)).to_have_text(
            [
                "cookie signed afresh (with signed_cookies it holds the data)",
                "added 'size'",
            ]
        )

    def test_panel_follows_a_change_made_in_another_tab(self, page):
        """When the tab regains focus, the panel reads /panel/ and shows news."""
        set_item(page, "colour", '"green"')
        other = page.context.new_page()
        set_item(other, "size", "42")
        expect(panel_row(page, "size")).to_have_count(0)
        refocus(page)
        expect(panel_row(page, "size").locator("td").nth(1)).to_have_text("42")
        expect(changes(page)).to_have_text(["added 'size'"])
        # What the engine stored follows too, rendered again by the server.
        expect(page.locator("#session-panel .stored")).to_contain_text("size")

    def test_back_button_shows_the_session_as_it_is_now(self, page):
        """Going back to a page shown before a change: the panel is current."""
        set_item(page, "colour", '"green"')
        set_item(page, "size", "42")  # from a fresh load of the form page
        page.go_back()  # that page, as the browser kept it: before "size"
        expect(panel_row(page, "size")).to_be_visible()
        expect(changes(page)).to_have_count(0)

    def test_a_shorter_expiry_is_named_as_moved(self, page):
        """set_expiry(300) on a two-week session moves the expiry earlier."""
        set_item(page, "colour", '"green"')
        page.request.get(reverse("set_session"))  # the guide's set_expiry(300)
        refocus(page)
        expect(changes(page)).to_have_text(
            ["added 'name'", re.compile(r"^expiry moved 13 days 23 h earlier")]
        )
        assert 290 < seconds_left(page) <= 300


class TestRobustness:
    def test_a_failed_refresh_keeps_the_last_known_state(self, page):
        """/panel/ failing: the panel says so and keeps showing what it had."""
        set_item(page, "colour", '"green"')
        page.route(f"**{reverse('panel')}", lambda route: route.fulfill(status=500))
        refocus(page)
        note = page.locator("#session-panel .panel-note")
        expect(note).to_contain_text("Could not refresh the panel (HTTP 500)")
        expect(panel_row(page, "colour")).to_be_visible()
        assert seconds_left(page) > 0  # the countdown goes on

    def test_the_next_refresh_clears_the_failure(self, page):
        """Once /panel/ answers again, the note goes and the panel is current."""
        set_item(page, "colour", '"green"')
        page.route(f"**{reverse('panel')}", lambda route: route.fulfill(status=500))
        refocus(page)
        note = page.locator("#session-panel .panel-note")
        expect(note).to_contain_text("Could not refresh the panel (HTTP 500)")
        page.request.get(reverse("set_session"))  # news the failing panel missed
        page.unroute(f"**{reverse('panel')}")
        refocus(page)
        expect(note).to_be_hidden()
        expect(panel_row(page, "name")).to_be_visible()


class TestEscaping:
    def test_markup_in_key_and_value_stays_text(self, page, problems):
        """A key and value made of <script> show as text, in page and panel."""
        set_item(page, SCRIPT, SCRIPT)
        cells = panel_row(page, "alert(1)").locator("td")
        expect(cells).to_have_text([SCRIPT, f'"{SCRIPT}"'])
        refocus(page)  # the script renders the panel again, from /panel/
        expect(cells).to_have_text([SCRIPT, f'"{SCRIPT}"'])
        expect(page.locator("#session-panel script")).to_have_count(1)  # json_script
        assert problems.dialogs == []
        assert not problems


class TestCountdown:
    def test_counts_down_every_second(self, page):
        """The expiry shown decreases while the page sits there."""
        page.request.get(reverse("set_session"))  # the guide's set_expiry(300)
        page.goto(reverse("get"))
        age = page.locator("#session-panel .expiry-age")
        start = time.monotonic()
        first = seconds_left(page)
        assert 290 < first <= 300
        for ticked in (0, 1):  # two ticks, each seen go
            expect(age).not_to_have_text(duration(first - ticked))
        left = seconds_left(page)
        elapsed = time.monotonic() - start
        # Down by two at least, and by no more than the seconds that passed.
        assert first - elapsed - 1 < left <= first - 2

    def test_at_zero_says_expired_and_the_server_confirms(self, page):
        """At zero the panel says "expired", and /panel/ proves the session gone."""
        page.request.get(reverse("set_session"))
        key = session_cookies(page)[0]["value"]
        soon = timezone.now() + timedelta(seconds=2)
        Session.objects.filter(session_key=key).update(expire_date=soon)
        page.goto(reverse("get"))
        panel = page.locator("#session-panel")
        expect(panel.locator(".expired")).to_be_visible()
        expect(panel.locator(".panel-note")).to_contain_text(
            "Your session expired. /panel/ confirms it"
        )
        expect(panel.locator('[data-field="session_key"]')).to_contain_text(
            "no session yet"
        )
        expect(panel.locator(".panel-changes")).to_contain_text("session ended")

    def test_set_expiry_seconds_runs_out_in_the_browser(self, page):
        """set_expiry(3) through the lesson: the panel counts to zero, then expires."""
        set_expiry(page, "seconds", seconds="3")
        assert 0 < seconds_left(page) <= 3
        note = page.locator("#session-panel .panel-note")
        expect(note).to_contain_text("Your session expired. /panel/ confirms it")
        # Max-Age=3: the browser itself dropped the cookie at the same moment.
        expect(note).to_contain_text("your browser dropped the expired cookie")
        assert session_cookies(page) == []

    def test_set_expiry_zero_shows_browser_close(self, page):
        """set_expiry(0): the panel says "when the browser closes", no countdown."""
        set_item(page, "colour", '"green"')
        set_expiry(page, "0")
        expires = page.locator('#session-panel [data-field="expires"]')
        expect(expires.locator(".browser-close")).to_have_text(
            "when the browser closes"
        )
        expect(expires.locator(".expiry-age")).to_have_count(0)
        expect(changes(page)).to_have_text(["now expires when the browser closes"])
        # A browser-session cookie: no Max-Age, no Expires (-1 in Playwright).
        assert [cookie["expires"] for cookie in session_cookies(page)] == [-1]

    def test_browser_close_setting_is_named_not_counted(self, page, settings):
        """With expire-at-browser-close, the panel names it and does not count."""
        settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
        set_item(page, "colour", '"green"')
        expires = page.locator('#session-panel [data-field="expires"]')
        expect(expires.locator(".browser-close")).to_have_text(
            "when the browser closes"
        )
        expect(expires.locator(".expiry-age")).to_have_count(0)
