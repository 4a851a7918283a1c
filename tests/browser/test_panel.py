"""The live panel in a real browser: current after every action, counting down."""

import re
from datetime import timedelta

from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from sessions_demo.engines import engine_path

SCRIPT = "</script><script>alert(1)</script>"
UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}


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
    """Read the countdown ("4m 59s") as a number of seconds."""
    text = page.locator("#session-panel .expiry-age").inner_text()
    return sum(int(n) * UNITS[unit] for n, unit in re.findall(r"(\d+)([dhms])", text))


def changes(page) -> list[str]:
    """The panel's list of what changed, but for the expiry sliding on save.

    Every save sets the expiry afresh (it counts from the last save), so the
    panel also says "expiry moved later by 2s" when seconds passed in between.
    """
    items = page.locator("#session-panel .panel-changes li").all_inner_texts()
    return [item for item in items if not item.startswith("expiry moved later by")]


def refocus(page) -> None:
    """Bring the tab back as a learner would: the panel asks /panel/ again."""
    with page.expect_response(lambda r: r.url.endswith(reverse("panel"))):
        page.evaluate("window.dispatchEvent(new Event('focus'))")


class TestAfterAnAction:
    def test_set_item_shows_in_panel_and_says_what_changed(self, page, problems):
        """The item set with the form is in the panel, marked as just added."""
        set_item(page, "colour", '"green"')
        row = panel_row(page, "colour")
        assert row.locator("td").all_inner_texts() == ["colour", '"green"']
        assert "just-changed" in row.get_attribute("class")
        box = page.locator("#session-panel .panel-changes")
        assert box.is_visible()
        assert box.locator("li").all_inner_texts() == [
            "session started",
            "added 'colour'",
        ]
        assert not problems

    def test_overwrite_is_named_as_a_change(self, page):
        """Setting the same key again shows it as changed, not added."""
        set_item(page, "colour", '"green"')
        set_item(page, "colour", '"blue"')
        assert changes(page) == ["changed 'colour'"]

    def test_plain_navigation_reports_no_change(self, page, engine):
        """Moving on without changing anything shows no change, on every engine."""
        set_item(page, "colour", '"green"')
        page.wait_for_timeout(1_100)  # an expiry counted from "now" would move
        page.goto(reverse("get"))
        assert page.locator("#session-panel .panel-changes").is_hidden()
        assert panel_row(page, "colour").is_visible()
        assert page.locator('#session-panel [data-field="engine"]').inner_text() == (
            engine
        )

    def test_signed_cookies_sign_a_new_cookie_not_a_new_key(self, page, settings):
        """With signed_cookies every save makes a new cookie: no "regenerated"."""
        settings.SESSION_ENGINE = engine_path("signed_cookies")
        set_item(page, "colour", '"green"')
        set_item(page, "size", "42")
        assert changes(page) == [
            "cookie signed afresh (with signed_cookies it holds the data)",
            "added 'size'",
        ]

    def test_panel_follows_a_change_made_in_another_tab(self, page):
        """When the tab regains focus, the panel reads /panel/ and shows news."""
        set_item(page, "colour", '"green"')
        other = page.context.new_page()
        set_item(other, "size", "42")
        assert panel_row(page, "size").count() == 0
        refocus(page)
        assert panel_row(page, "size").locator("td").nth(1).inner_text() == "42"
        assert changes(page) == ["added 'size'"]
        # What the engine stored follows too, rendered again by the server.
        page.locator("#session-panel .stored", has_text="size").wait_for()

    def test_back_button_shows_the_session_as_it_is_now(self, page):
        """Going back to a page shown before a change: the panel is current."""
        set_item(page, "colour", '"green"')
        set_item(page, "size", "42")  # from a fresh load of the form page
        page.go_back()  # that page, as the browser kept it: before "size"
        panel_row(page, "size").wait_for()
        assert changes(page) == []

    def test_a_shorter_expiry_is_named_as_moved(self, page):
        """set_expiry(300) on a two-week session moves the expiry earlier."""
        set_item(page, "colour", '"green"')
        page.request.get(reverse("set_session"))  # the guide's set_expiry(300)
        refocus(page)
        assert changes(page)[0] == "added 'name'"
        assert changes(page)[1].startswith("expiry moved earlier by 13d 23h 5")
        assert 290 < seconds_left(page) <= 300


class TestRobustness:
    def test_a_failed_refresh_keeps_the_last_known_state(self, page):
        """/panel/ failing: the panel says so and keeps showing what it had."""
        set_item(page, "colour", '"green"')
        page.route(f"**{reverse('panel')}", lambda route: route.fulfill(status=500))
        page.evaluate("window.dispatchEvent(new Event('focus'))")
        note = page.locator("#session-panel .panel-note")
        note.wait_for()
        assert "Could not refresh the panel (HTTP 500)" in note.inner_text()
        assert panel_row(page, "colour").is_visible()
        assert seconds_left(page) > 0  # the countdown goes on

    def test_the_next_refresh_clears_the_failure(self, page):
        """Once /panel/ answers again, the note goes and the panel is current."""
        set_item(page, "colour", '"green"')
        page.route(f"**{reverse('panel')}", lambda route: route.fulfill(status=500))
        page.evaluate("window.dispatchEvent(new Event('focus'))")
        page.locator("#session-panel .panel-note").wait_for()
        page.unroute(f"**{reverse('panel')}")
        refocus(page)
        # The script updates the panel after the response arrives: wait for it.
        note = page.locator("#session-panel .panel-note")
        note.wait_for(state="hidden")
        assert note.is_hidden()


class TestEscaping:
    def test_markup_in_key_and_value_stays_text(self, page, problems):
        """A key and value made of <script> show as text, in page and panel."""
        set_item(page, SCRIPT, SCRIPT)
        row = panel_row(page, "alert(1)")
        assert row.locator("td").all_inner_texts() == [SCRIPT, f'"{SCRIPT}"']
        refocus(page)  # the script renders the panel again, from /panel/
        row = panel_row(page, "alert(1)")
        assert row.locator("td").all_inner_texts() == [SCRIPT, f'"{SCRIPT}"']
        assert page.locator("#session-panel script").count() == 1  # json_script
        assert problems.dialogs == []
        assert not problems


class TestCountdown:
    def test_counts_down_every_second(self, page):
        """The expiry shown decreases while the page sits there."""
        page.request.get(reverse("set_session"))  # the guide's set_expiry(300)
        page.goto(reverse("get"))
        first = seconds_left(page)
        assert 290 < first <= 300
        page.wait_for_timeout(2_200)
        assert first - 3 <= seconds_left(page) <= first - 2

    def test_at_zero_says_expired_and_the_server_confirms(self, page):
        """At zero the panel says "expired", and /panel/ proves the session gone."""
        page.request.get(reverse("set_session"))
        key = page.context.cookies()[0]["value"]
        soon = timezone.now() + timedelta(seconds=2)
        Session.objects.filter(session_key=key).update(expire_date=soon)
        page.goto(reverse("get"))
        panel = page.locator("#session-panel")
        panel.locator(".expired").wait_for()
        note = panel.locator(".panel-note")
        note.wait_for()
        assert "Your session expired. /panel/ confirms it" in note.inner_text()
        assert (
            "no session yet" in panel.locator('[data-field="session_key"]').inner_text()
        )
        assert "session ended" in panel.locator(".panel-changes").inner_text()

    def test_set_expiry_seconds_runs_out_in_the_browser(self, page):
        """set_expiry(3) through the lesson: the panel counts to zero, then expires."""
        set_expiry(page, "seconds", seconds="3")
        panel = page.locator("#session-panel")
        assert 0 < seconds_left(page) <= 3
        panel.locator(".panel-note").wait_for()
        assert "Your session expired. /panel/ confirms it" in panel.inner_text()
        # Max-Age=3: the browser itself dropped the cookie at the same moment.
        assert "your browser dropped the expired cookie" in panel.inner_text()
        assert session_cookies(page) == []

    def test_set_expiry_zero_shows_browser_close(self, page):
        """set_expiry(0): the panel says "when the browser closes", no countdown."""
        set_item(page, "colour", '"green"')
        set_expiry(page, "0")
        expires = page.locator('#session-panel [data-field="expires"]')
        assert expires.locator(".browser-close").inner_text() == (
            "when the browser closes"
        )
        assert expires.locator(".expiry-age").count() == 0
        assert "now expires when the browser closes" in changes(page)
        # A browser-session cookie: no Max-Age, no Expires (-1 in Playwright).
        assert [cookie["expires"] for cookie in session_cookies(page)] == [-1]

    def test_browser_close_setting_is_named_not_counted(self, page, settings):
        """With expire-at-browser-close, the panel names it and does not count."""
        settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
        set_item(page, "colour", '"green"')
        expires = page.locator('#session-panel [data-field="expires"]')
        assert (
            expires.locator(".browser-close").inner_text() == "when the browser closes"
        )
        assert expires.locator(".expiry-age").count() == 0
