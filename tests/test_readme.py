"""The README's lesson table keeps up with the course outline."""

import re
from pathlib import Path

from sessions_demo import course

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()
# The section titles of Django 6.1's topic guide "How to use sessions".
TOPIC_SECTIONS = (
    "Enabling sessions",
    "Configuring the session engine",
    "Using database-backed sessions",
    "Using cached sessions",
    "Using file-based sessions",
    "Using cookie-based sessions",
    "Using sessions in views",
    "Session serialization",
    "Bundled serializers",
    "Write your own serializer",
    "Session object guidelines",
    "Examples",
    "Setting test cookies",
    "Using sessions out of views",
    "When sessions are saved",
    "Browser-length sessions vs. persistent sessions",
    "Clearing the session store",
    "Settings",
    "Session security",
    "Technical details",
    "The `SessionStore` object",
    "Extending database-backed session engines",
    "Example",
    "Session IDs in URLs",
)


def test_every_lesson_is_in_the_readme():
    """Each lesson's URL appears in the README's table of lessons."""
    missing = [
        lesson.path for lesson in course.lessons() if f"`/{lesson.path}`" not in README
    ]
    assert missing == []


def test_readme_gives_the_two_commands():
    """The README starts the site with `make run` and checks it with `make test`."""
    assert "make run" in README
    assert "make test" in README


def test_the_docs_sections_name_real_lessons():
    """Every section of Django's topic has a row, naming lessons that exist."""
    table = README.split('### Django\'s "How to use sessions"', 1)[1].split("\n\n")[2]
    named = set(re.findall(r"`(/[a-z\-/]+/)`", table))
    assert named <= {f"/{lesson.path}" for lesson in course.lessons()}
    assert len(table.splitlines()) - 2 == len(TOPIC_SECTIONS)
    for section in TOPIC_SECTIONS:
        row = rf"^\| (· )*{re.escape(section)} \| `/"
        assert re.search(row, table, re.MULTILINE), section
