"""The course with a keyboard: a skip link, and code that scrolls by keys."""

from django.urls import reverse
from playwright.sync_api import expect


def test_skip_link_is_the_first_tab_and_lands_on_the_lesson(page):
    """The first Tab shows "Skip to the lesson"; Enter moves focus to the lesson."""
    page.goto(reverse("setitem"))
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('main') !== null")
    assert focused is True


def test_code_that_scrolls_is_reached_and_scrolled_by_keys(page):
    """A code block wider than a phone is in the Tab order and scrolls with keys."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(reverse("set_expiry"))
    block = page.locator(".code-that-ran div.source").first
    expect(block).to_have_attribute("tabindex", "0")
    expect(block).to_have_attribute("role", "region")
    assert block.evaluate("b => b.scrollWidth > b.clientWidth") is True
    block.focus()
    expect(block).to_be_focused()
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "b => b.scrollLeft > 0", arg=block.element_handle(), timeout=10_000
    )
