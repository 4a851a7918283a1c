"""Every lesson in the course outline renders with the full lesson anatomy."""

import importlib
from pathlib import Path

import pytest
from django.urls import reverse

from sessions_demo import course

from .conftest import parse

pytestmark = pytest.mark.django_db

LESSONS = course.lessons()
ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.slug)
class TestEveryLesson:
    def test_renders_with_full_anatomy(self, client, lesson):
        """Title, explanation, try-it, code, gotchas, tests, panel, prev/next."""
        response = client.get(reverse(lesson.url_name))
        assert response.status_code == 200
        page = parse(response)
        assert page.h1.get_text() == lesson.title
        assert page.select_one(".explanation").get_text(strip=True)
        assert page.select_one("#try-it")
        assert page.select(".code-that-ran .source")
        assert page.select_one(".gotchas li")
        shown = [li.get_text() for li in page.select(".verified-by li")]
        assert shown == list(lesson.test_ids)
        assert page.select_one("#session-panel")
        assert page.select_one(".prev-next a[rel=prev]")

    def test_named_tests_exist(self, lesson):
        """Every test a lesson names as its proof exists."""
        assert lesson.tests, f"{lesson.slug} names no tests"
        for test_id in lesson.test_ids:
            path, *names = test_id.split("::")
            assert (ROOT / path).exists(), test_id
            target = importlib.import_module(path.removesuffix(".py").replace("/", "."))
            for name in names:
                target = getattr(target, name)  # AttributeError names the missing one
            assert callable(target)

    def test_shown_code_is_the_code_that_runs(self, client, lesson):
        """The try-it view is the function the page shows, by name and module."""
        page = parse(client.get(reverse(lesson.url_name)))
        paths = [p.get_text() for p in page.select(".code-that-ran .code-path")]
        assert paths == list(lesson.code)


def test_prev_next_walk_the_whole_course(client):
    """Following "next" from the first lesson visits every lesson in order."""
    url, visited = reverse(LESSONS[0].url_name), []
    while url:
        visited.append(url)
        link = parse(client.get(url)).select_one(".prev-next a[rel=next]")
        url = link["href"] if link else None
    assert visited == [reverse(lesson.url_name) for lesson in LESSONS]


def test_index_lists_every_lesson(client):
    """The table of contents links every lesson, grouped by section."""
    page = parse(client.get(reverse("index")))
    links = {a["href"] for a in page.select(".toc-card a")}
    assert links == {reverse(lesson.url_name) for lesson in LESSONS}


def test_slugs_are_unique():
    """Slugs name templates and URLs, so no two lessons share one."""
    slugs = [lesson.slug for lesson in LESSONS]
    assert len(slugs) == len(set(slugs))
