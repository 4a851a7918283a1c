"""Every lesson, clicked through in a real browser, in the course's order."""

from django.urls import reverse

from sessions_demo import course


def test_next_links_walk_every_lesson_cleanly(page, problems):
    """Following "next" visits each lesson in order; none logs an error or fails."""
    lessons = course.lessons()
    page.goto(reverse(lessons[0].url_name))
    for number, lesson in enumerate(lessons):
        assert page.url.endswith(reverse(lesson.url_name)), lesson.slug
        assert page.locator(".lesson > h1").inner_text() == lesson.title
        assert page.locator("#session-panel").is_visible()
        assert not problems, (lesson.slug, problems)
        if number + 1 < len(lessons):
            with page.expect_navigation():
                page.click(".prev-next a[rel=next]")
    assert page.locator(".prev-next a[rel=next]").count() == 0
