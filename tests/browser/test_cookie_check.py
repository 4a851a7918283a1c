"""The test-cookie lesson's two requests, in a browser that keeps cookies or not."""

from django.urls import reverse
from playwright.sync_api import expect


def set_test_cookie(page):
    """Step 1 in the browser; return the outcome it shows."""
    page.goto(reverse("set_test_cookie"))
    with page.expect_navigation():
        page.click(".try-it-form button")
    return page.locator(".outcome")


def check_test_cookie(page):
    """Follow the page's link to step 2, run the check; return its outcome."""
    with page.expect_navigation():
        page.click(f".try-it a[href='{reverse('test_cookie_worked')}']")
    with page.expect_navigation():
        page.click(".try-it-form button")
    return page.locator(".outcome")


def test_marker_comes_back_on_the_next_request(page, problems):
    """Step 1 stores the marker; step 2, a later request, finds it: True."""
    expect(set_test_cookie(page)).to_contain_text(
        "test_cookie_worked() on this same request → True"
    )
    expect(check_test_cookie(page)).to_contain_text(
        "request.session.test_cookie_worked() → True"
    )
    assert not problems


def test_without_the_cookie_the_check_fails(page):
    """If the browser does not send the cookie back, step 2 answers False."""
    set_test_cookie(page)
    page.context.clear_cookies()  # as a browser refusing cookies would
    expect(check_test_cookie(page)).to_contain_text(
        "request.session.test_cookie_worked() → False"
    )
