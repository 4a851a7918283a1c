"""The README's lesson table keeps up with the course outline."""

from pathlib import Path

from sessions_demo import course

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


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
