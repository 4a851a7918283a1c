"""
The course outline: every lesson renders with the full lesson anatomy, and
its view, template and tests are where its URL says they are.
"""

import importlib
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import get_template
from django.urls import reverse

from sessions_demo import course
from sessions_demo.course import verification
from sessions_demo.pages.source import dotted_path
from tests.helpers import parse

pytestmark = pytest.mark.django_db

LESSONS = course.lessons()
ROOT = Path(settings.BASE_DIR)


def exists(node_id: str) -> bool:
    """Tell whether pytest would find this node id, by importing its module."""
    path, *names = node_id.split("::")
    target = importlib.import_module(path.removesuffix(".py").replace("/", "."))
    for name in names:
        target = getattr(target, name, None)
    return callable(target)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.path)
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
        assert shown == [test.node_id for test in course.tests_of(lesson)]
        assert page.select_one("#session-panel")
        assert page.select_one(".prev-next a[rel=prev]")

    def test_found_by_its_url_alone(self, lesson):
        """Template and tests are named after the URL; the module too, by rule."""
        path = lesson.path.strip("/")
        assert lesson.template == f"lessons/{path}.html"
        get_template(lesson.template)
        assert (ROOT / lesson.test_module).is_file(), lesson.test_module
        if lesson.view and lesson.section not in ("engines", "settings"):
            module = path.replace("-", "_").replace("/", ".")
            expected = f"sessions_demo.lessons.{module}"
            assert lesson.view.__module__ in (expected, expected + "_")

    def test_own_tests_are_found_and_documented(self, lesson):
        """The lesson's test module holds tests, each stating its behaviour."""
        own = verification.tests_in(lesson.test_module)
        assert own, f"{lesson.test_module} holds no tests"
        for test in own:
            assert exists(test.node_id), test.node_id
            assert test.doc, f"{test.node_id} has no docstring"

    def test_more_tests_it_names_exist(self, lesson):
        """Every test a lesson names from elsewhere exists, and pytest finds it."""
        for node_id in lesson.more_tests:
            assert verification.find(node_id), node_id
            assert exists(node_id), node_id

    def test_shown_code_is_the_code_that_runs(self, client, lesson):
        """The try-it view is the function the page shows, by name and module."""
        page = parse(client.get(reverse(lesson.url_name)))
        paths = [p.get_text() for p in page.select(".code-that-ran .code-path")]
        assert paths == [dotted_path(function) for function in lesson.code]


@pytest.mark.parametrize("node_id", course.LAB_TESTS)
def test_the_labs_tests_exist(node_id):
    """Every test the lab's page names exists, and pytest finds it."""
    assert verification.find(node_id), node_id
    assert exists(node_id), node_id


def test_prev_next_walk_the_whole_course(client):
    """Following "next" visits every lesson in order, then the finish page."""
    url, visited = reverse(LESSONS[0].url_name), []
    while url:
        visited.append(url)
        link = parse(client.get(url)).select_one(".prev-next a[rel=next]")
        url = link["href"] if link else None
    lessons = [reverse(lesson.url_name) for lesson in LESSONS]
    assert visited == [*lessons, reverse("finish")]


def test_index_lists_every_lesson(client):
    """The table of contents links every lesson, grouped by section."""
    page = parse(client.get(reverse("index")))
    links = {a["href"] for a in page.select(".toc-card a")}
    assert links == {reverse(lesson.url_name) for lesson in LESSONS}


def test_paths_and_url_names_are_unique():
    """A path names a template, tests and a URL: no two lessons share one."""
    assert len({lesson.path for lesson in LESSONS}) == len(LESSONS)
    assert len({lesson.url_name for lesson in LESSONS}) == len(LESSONS)
