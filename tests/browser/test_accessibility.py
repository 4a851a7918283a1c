"""
axe-core on every page of the course, at a desktop width (1400 px) and a
phone's (390 px): no violation outside the debug toolbar, of any impact (the
course promises none serious or critical; the moderate ones are kept out too).

axe-playwright-python injects the axe-core it bundles (axe.min.js, read from
the package) into the page; each run is checked to fetch nothing.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.cache import caches
from django.urls import reverse
from playwright.sync_api import expect

from sessions_demo import course
from sessions_demo.lab.engines import engine_path

WIDTHS = (1400, 390)
# The debug toolbar (make run only) is django-debug-toolbar's, not the course's.
OUTSIDE_THE_TOOLBAR = {"exclude": [["#djDebugRoot"], ["#djDebug"]]}
PAGES = [
    "index",
    "glossary",
    "finish",
    "lab",
    *(lesson.url_name for lesson in course.lessons()),
]

axe = Axe()


def violations(page, base_url: str) -> list[str]:
    """Run axe on the page as it is; list its violations, with their impact."""
    fetched = []

    def note(request) -> None:
        fetched.append(request)

    page.on("request", note)
    results = axe.run(page, context=OUTSIDE_THE_TOOLBAR)
    page.remove_listener("request", note)
    # axe-core comes with the package: running it must fetch nothing at all.
    assert [request.url for request in fetched] == []
    return [
        f"{violation['id']} ({violation['impact']}): "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:5])
        for violation in results.response["violations"]
    ]


def at_both_widths(page, base_url: str, url: str) -> dict[int, list[str]]:
    """Open the page at each width and collect what axe finds."""
    found = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url)
        expect(page.locator("main")).to_be_visible()
        found[width] = violations(page, base_url)
    return found


@pytest.mark.parametrize("name", PAGES)
def test_no_violation(page, base_url, name):
    """The page, with a session in the panel, has no axe violation."""
    page.request.get(reverse("set_session"))  # the guide's: name and an expiry
    found = at_both_widths(page, base_url, reverse(name))
    assert found == {width: [] for width in WIDTHS}


def test_no_violation_after_a_try_it_and_its_prediction(page, base_url):
    """After a run: the result, the prediction's verdict and the round trip pass."""
    page.goto(reverse("flush"))
    page.request.get(reverse("set_session"))
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(reverse("flush"))
        page.check("input[name=prediction][value=deleted]")
        with page.expect_navigation():
            page.click(".try-it-form button")
        expect(page.locator(".outcome .verdict")).to_be_visible()
        assert violations(page, base_url) == [], width
        page.request.get(reverse("set_session"))


def test_no_violation_with_the_phone_sheet_and_engine_menu_open(page, base_url):
    """On a phone: the panel opened as a sheet, and the engine menu, both pass."""
    page.request.get(reverse("set_session"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(reverse("setitem"))
    page.click(".panel-bar")
    expect(page.locator("#panel-column")).to_contain_class("sheet-open")
    assert violations(page, base_url) == []
    page.keyboard.press("Escape")
    page.click("header .engine-menu summary")
    expect(page.locator("header .engine-menu-body")).to_be_visible()
    assert violations(page, base_url) == []


def test_no_violation_on_the_store_error_page(page, base_url, settings):
    """The 503 page of a failed store passes too."""
    settings.CACHES = {
        **settings.CACHES,
        "broken": {"BACKEND": "tests.broken_cache.BrokenCache"},
    }
    settings.SESSION_CACHE_ALIAS = "broken"
    settings.SESSION_ENGINE = engine_path("cache")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(reverse("setitem"))
        with page.expect_response(reverse("setitem")) as saving:
            page.click(".try-it-form button")  # the store fails as it saves
        assert saving.value.status == 503
        expect(page.locator("h1")).to_contain_text("session store failed")
        assert violations(page, base_url) == [], width


def test_no_violation_on_the_session_interrupted_page(page, base_url, settings):
    """The 400 page of a save that found the session gone passes too."""
    settings.SESSION_ENGINE = engine_path("cache")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.request.get(reverse("set_session"))
        caches["default"].clear()  # the cache lets the session go
        page.goto(reverse("clear"))
        with page.expect_response(reverse("clear")) as clearing:
            page.click(".try-it-form button")
        assert clearing.value.status == 400
        expect(page.locator("h1")).to_contain_text("gone before Django could save")
        assert violations(page, base_url) == [], width
