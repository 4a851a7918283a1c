"""
What a lesson is: a page at a fixed URL, with a try-it, the code it shows, and
the tests that verify what it says.

Everything else follows from the lesson's URL by name: `/methods/set-expiry/`
has its template at `templates/lessons/methods/set-expiry.html` and its tests
in `tests/lessons/methods/test_set_expiry.py`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest

from ..lessons.tryit import TryIt


@dataclass(frozen=True)
class Lesson:
    path: str  # the URL path, fixed by the URL contract: "methods/set-expiry/"
    title: str
    summary: str
    guide: str = ""  # where the guide covers it, e.g. "§3"; empty when it does not
    view: TryIt | None = None  # the try-it the page runs, and shows
    also: tuple[TryIt, ...] = ()  # more try-its on the page, each a POST
    # More code the page shows: functions, or tests as pytest node ids (read
    # from their file, never imported: the site does not import pytest).
    shown: tuple[Callable | str, ...] = ()
    context: Callable[[HttpRequest], dict] | None = None  # more for the page
    method: str = "POST"  # how the try-it form is sent: GET for reads
    setting: str = ""  # a setting page's profile field: "cookie_age"
    engine: str = ""  # an engine page's engine: "cached_db"
    more_tests: tuple[str, ...] = ()  # tests that live elsewhere, as pytest node ids
    url_name: str = ""  # defaults to the slug, with "_" for "-"

    def __post_init__(self) -> None:
        if not self.url_name:
            object.__setattr__(self, "url_name", self.slug.replace("-", "_"))

    @property
    def slug(self) -> str:
        """Return the last part of the URL: "set-expiry"."""
        return self.path.strip("/").rsplit("/", 1)[-1]

    @property
    def section(self) -> str:
        """Return the first part of the URL: "methods"; "" for /example/."""
        folder, _, _ = self.path.strip("/").rpartition("/")
        return folder

    @property
    def template(self) -> str:
        """Return the lesson's template: lessons/<its URL path>.html."""
        return f"lessons/{self.path.strip('/')}.html"

    @property
    def test_module(self) -> str:
        """Return the lesson's test module: tests/lessons/<path>/test_<slug>.py."""
        name = f"test_{self.slug.replace('-', '_')}.py"
        return "/".join(part for part in ("tests/lessons", self.section, name) if part)

    @property
    def try_its(self) -> tuple[TryIt, ...]:
        """Return the page's try-its, the main one first."""
        return ((self.view,) if self.view else ()) + self.also

    def posted_try_it(self, name: str) -> TryIt | None:
        """Return the POST try-it a form names, or the main one for no name."""
        main = (self.view,) if self.view and self.method == "POST" else ()
        posts = main + self.also
        if not name:
            return self.view if self.view in posts else None
        return next((view for view in posts if view.__name__ == name), None)

    @property
    def code(self) -> tuple[Callable | str, ...]:
        """Return everything whose source the page shows, the try-its first."""
        return self.try_its + self.shown


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    lessons: tuple[Lesson, ...] = field(default_factory=tuple)
