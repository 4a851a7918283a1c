"""
The learner's way through the outline: where a lesson stands ("lesson 12 of
48"), and the finish page that comes after the last lesson, whichever that is.

The finish page is a page, not a lesson: it runs nothing and has no tests of
its own to list. Its recap is the outline itself, each lesson's one-line
summary under its section, so a lesson added to the outline is in the recap.
"""

from .lesson import Lesson, Section
from .outline import SECTIONS, lessons


def position(lesson: Lesson) -> tuple[int, int]:
    """Return the lesson's number in the course, from 1, and how many there are."""
    ordered = lessons()
    return ordered.index(lesson) + 1, len(ordered)


def last_lesson() -> Lesson:
    """Return the lesson the finish page follows."""
    return lessons()[-1]


def is_last(lesson: Lesson) -> bool:
    """Tell whether the finish page comes next after this lesson."""
    return lesson == last_lesson()


def recap() -> tuple[Section, ...]:
    """Return what the course taught: every section, each lesson's summary."""
    return SECTIONS
