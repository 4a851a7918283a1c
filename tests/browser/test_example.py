"""The guide's /get-session/ in a browser: a stored script is drawn, never run."""

from django.urls import reverse
from playwright.sync_api import expect

SCRIPT = (
    "<em>John</em><img src=x onerror=\"alert('xss')\"><script>alert('xss')</script>"
)


def test_a_stored_script_runs_nowhere(page, problems):
    """A name made of markup: the page draws it as HTML, and runs none of it."""
    page.goto(reverse("setitem"))
    page.fill("input[name=key]", "name")
    page.fill("[name=value]", SCRIPT)
    with page.expect_navigation():
        page.click(".try-it-form button")
    expect(page.locator(".outcome")).to_contain_text("added 'name'")
    page.goto(reverse("get_session"))
    # The guide's HTML is drawn: John in italics, the image element there.
    expect(page.locator("em")).to_have_text("John")
    expect(page.locator("img")).to_have_count(1)
    # "load" waits for the image to load or fail: its onerror, had it run,
    # would have opened a dialog by then, as the inline script at once.
    page.wait_for_load_state("load")
    assert problems.dialogs == []
