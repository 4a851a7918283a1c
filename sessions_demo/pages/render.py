"""
Rendering a lesson page: explanation, try-it form, the code that ran, the
outcome, the tests that verify it, and prev/next. The live panel beside it
renders itself (`{% session_panel %}`).
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .. import course
from ..course import Lesson, journey
from ..lessons.tryit import TryIt
from .source import dotted_path, highlighted_source

# The try-it's outcome and what it changed travel to the page after the
# redirect in Django's messages, in a cookie of their own (MESSAGE_STORAGE):
# showing them never writes into the session the lesson is about.
OUTCOME_TAG = "outcome"
CHANGE_TAG = "change"


def render_lesson(
    request: HttpRequest,
    lesson: Lesson,
    *,
    form: forms.Form | None = None,
    ran: TryIt | None = None,
    outcome: str | None = None,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    """Render a lesson's page around what its try-it produced."""
    previous, following = course.neighbours(lesson)
    number, total = journey.position(lesson)
    # Every try-it's form, blank, but the one that ran comes back as refused.
    forms_by_name = {view.__name__: blank_form(view) for view in lesson.try_its}
    if form is not None:
        forms_by_name[(ran or lesson.view).__name__] = form
    context = {
        "lesson": lesson,
        "section": course.section_of(lesson),
        "form": forms_by_name.get(lesson.view.__name__) if lesson.view else form,
        "forms": forms_by_name,
        "outcome": outcome,
        "notes": try_it_notes(request),
        "code": [(dotted_path(f), highlighted_source(f)) for f in lesson.code],
        "previous": previous,
        "next": following,
        "number": number,
        "total": total,
        **extra,
    }
    return render(request, lesson.template, context, status=status)


def try_it_notes(request: HttpRequest) -> list:
    """Return the messages a try-it left for this page: its outcome and changes."""
    # Other messages (the lab's notices) belong to the header, not the Result.
    return [
        note
        for note in messages.get_messages(request)
        if note.extra_tags in (OUTCOME_TAG, CHANGE_TAG)
    ]


def blank_form(view: TryIt) -> forms.Form | None:
    """Return an empty form for a try-it's input, or None if it takes none."""
    form_class = getattr(view, "form_class", None)
    return form_class() if form_class else None
