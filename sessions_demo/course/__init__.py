"""
The course: its outline (sections and lessons, in teaching order), what a
lesson is, and the tests that verify each page.
"""

from .lesson import Lesson, Section
from .outline import LAB_TESTS, SECTIONS, lessons, neighbours, section_of
from .verification import TestRef, find, test_source, tests_in

PAGE_TESTS = {"lab": LAB_TESTS}


def tests_of(subject: Lesson | str) -> tuple[TestRef, ...]:
    """Return the tests behind a lesson's claims, or those of a page by name."""
    if isinstance(subject, Lesson):
        own, more = tests_in(subject.test_module), subject.more_tests
    else:
        own, more = (), PAGE_TESTS[subject]
    # tests/course/test_outline.py proves that every test named here exists.
    return own + tuple(test for test in map(find, more) if test is not None)


__all__ = [
    "LAB_TESTS",
    "SECTIONS",
    "Lesson",
    "Section",
    "TestRef",
    "lessons",
    "neighbours",
    "section_of",
    "test_source",
    "tests_of",
]
