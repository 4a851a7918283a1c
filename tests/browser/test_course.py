"""Every lesson, clicked through in a real browser, in the course's order."""

from django.urls import reverse
from playwright.sync_api import expect

from sessions_demo import course


def test_next_links_walk_every_lesson_cleanly(page, problems):
    """From the contents, "next" visits each lesson in order, then the finish."""
    page.goto(reverse("index"))
    next_link = page.locator(".prev-next a[rel=next]")
    expect(next_link).to_be_visible()
    assert not problems, ("index", problems)
    for lesson in course.lessons():
        with page.expect_navigation():
            next_link.click()
        expect(page).to_have_url(reverse(lesson.url_name))
        expect(page.locator(".lesson > h1")).to_have_text(lesson.title)
        expect(page.locator("#session-panel")).to_be_visible()
        assert not problems, (lesson.slug, problems)
    with page.expect_navigation():
        next_link.click()
    expect(page).to_have_url(reverse("finish"))
    expect(page.locator(".recap li")).to_have_count(len(course.lessons()))
    expect(page.locator(".prev-next a[rel=next]")).to_have_count(0)
    assert not problems
