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
        "notes": messages.get_messages(request),
        "code": [(dotted_path(f), highlighted_source(f)) for f in lesson.code],
        "previous": previous,
        "next": following,
        "number": number,
        "total": total,
        **extra,
    }
    return render(request, lesson.template, context, status=status)


def blank_form(view: TryIt) -> forms.Form | None:
    """Return an empty form for a try-it's input, or None if it takes none."""
    form_class = getattr(view, "form_class", None)
    return form_class() if form_class else None
