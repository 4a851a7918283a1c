"""
The learner's way: "Lesson n of N" on every lesson, the finish page after the
last lesson of the outline, whichever it is, and its recap built from it.
"""

import pytest
from django.urls import reverse

from sessions_demo import course
from sessions_demo.course import journey
from tests.helpers import parse, text

pytestmark = pytest.mark.django_db


def test_every_lesson_says_where_it_stands(client):
    """Each lesson shows "Lesson n of N", counted from the outline."""
    lessons = course.lessons()
    for number, lesson in enumerate(lessons, start=1):
        page = parse(client.get(reverse(lesson.url_name)))
        counted = text(page.select_one(".lesson-count"))
        assert counted == f"Lesson {number} of {len(lessons)}", lesson.path


def test_the_last_lesson_leads_to_the_finish(client):
    """The outline's last lesson, whichever it is, links on to the finish page."""
    last = journey.last_lesson()
    assert last == course.lessons()[-1]
    link = parse(client.get(reverse(last.url_name))).select_one(".prev-next a.next")
    assert link["href"] == reverse("finish")


def test_finish_goes_back_to_the_last_lesson(client):
    """The finish page's way back is the last lesson."""
    page = parse(client.get(reverse("finish")))
    back = page.select_one(".prev-next a.prev")
    assert back["href"] == reverse(journey.last_lesson().url_name)


def test_recap_is_every_lesson_of_the_outline(client, monkeypatch):
    """The recap has each section and each lesson's summary, from the outline."""
    page = parse(client.get(reverse("finish")))
    sections = [text(h2) for h2 in page.select(".recap-section h2")]
    assert sections == [section.title for section in course.SECTIONS]
    items = page.select(".recap li")
    assert [li.a["href"] for li in items] == [
        reverse(lesson.url_name) for lesson in course.lessons()
    ]
    assert all(
        lesson.summary in text(li)
        for li, lesson in zip(items, course.lessons(), strict=True)
    )


def test_home_page_starts_at_the_top_and_introduces_the_guide(client):
    """The start button comes first; the guide and its § labels are explained."""
    page = parse(client.get(reverse("index")))
    start = page.select_one(".lesson a.start-button")
    assert start["href"] == reverse(course.lessons()[0].url_name)
    assert start.find_previous("h2") is None  # before any section of the page
    guide = text(page.select_one("#the-guide"))
    assert "guide §3" in guide
    assert "§5" in guide


def test_home_page_lists_the_lessons_once(client):
    """The home page has no sidebar: each lesson is listed once."""
    page = parse(client.get(reverse("index")))
    listed = [a["href"] for a in page.select(".toc-lessons a")]
    assert listed == [reverse(lesson.url_name) for lesson in course.lessons()]
    assert page.select_one("nav.toc") is None


def test_lesson_guide_labels_link_to_the_guide(client):
    """A lesson's "guide §n" label links to the guide's introduction."""
    page = parse(client.get(reverse("setitem")))
    label = page.select_one(".eyebrow a")
    assert text(label) == "guide §2"
    assert label["href"] == reverse("index") + "#the-guide"
