"""Every lesson, clicked through in a real browser, in the course's order."""

from django.urls import reverse

from sessions_demo import course


def test_next_links_walk_every_lesson_cleanly(page, problems):
    """From the contents, "next" visits each lesson in order, none failing."""
    page.goto(reverse("index"))
    assert not problems, ("index", problems)
    for lesson in course.lessons():
        with page.expect_navigation():
            page.click(".prev-next a[rel=next]")
        assert page.url.endswith(reverse(lesson.url_name)), lesson.slug
        assert page.locator(".lesson > h1").inner_text() == lesson.title
        assert page.locator("#session-panel").is_visible()
        assert not problems, (lesson.slug, problems)
    assert page.locator(".prev-next a[rel=next]").count() == 0
