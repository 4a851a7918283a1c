"""The round trip diagram and the result, in a real browser."""

from django.urls import reverse
from playwright.sync_api import expect

from .test_panel import set_item


def step(page, name: str):
    return page.locator(f'.try-it .round-trip li[data-step="{name}"]')


def test_a_write_lights_every_step_of_its_post(page, problems):
    """After "Store it", the diagram draws the POST: view, save and Set-Cookie."""
    set_item(page, "colour", '"green"')
    figure = page.locator(".try-it .round-trip")
    expect(figure.locator("figcaption")).to_contain_text(
        f"POST {reverse('setitem')} → 302"
    )
    expect(step(page, "cookie")).to_have_attribute("data-taken", "false")
    for name in ("view", "write", "set-cookie"):
        expect(step(page, name)).to_have_attribute("data-taken", "true")
    expect(step(page, "set-cookie")).to_contain_text("Set-Cookie: sessionid=")
    set_item(page, "size", "42")
    for name in ("cookie", "read", "write", "set-cookie"):
        expect(step(page, name)).to_have_attribute("data-taken", "true")
    assert not problems


def test_moving_on_draws_a_request_that_only_carries_the_cookie(page):
    """A plain page: the cookie goes, nothing is loaded, saved or set."""
    set_item(page, "colour", '"green"')
    page.goto(reverse("keys"))
    expect(page.locator(".try-it .round-trip figcaption")).to_contain_text(
        "This page’s own request"
    )
    expect(step(page, "cookie")).to_have_attribute("data-taken", "true")
    for name in ("view", "read", "write", "set-cookie"):
        expect(step(page, name)).to_have_attribute("data-taken", "false")
    expect(step(page, "set-cookie")).to_contain_text("the session was not modified")


def test_the_diagram_fits_a_phone(page):
    """At 390 px the three lanes and every step fit the screen's width."""
    page.set_viewport_size({"width": 390, "height": 844})
    set_item(page, "colour", '"green"')
    figure = page.locator(".try-it .round-trip")
    expect(figure).to_be_visible()
    box = figure.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    fits = figure.evaluate("f => f.scrollWidth <= f.clientWidth")
    assert fits is True


def test_focus_goes_to_the_result_after_a_try_it(page):
    """After a try-it, the keyboard's focus is on the result, not the page top."""
    set_item(page, "colour", '"green"')
    expect(page.locator(".try-it .outcome")).to_be_focused()
    page.goto(reverse("keys"))
    page.click(".try-it-form button")
    expect(page.locator(".try-it .outcome")).to_be_focused()
