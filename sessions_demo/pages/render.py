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
from ..course import Lesson
from .source import dotted_path, highlighted_source


def render_lesson(
    request: HttpRequest,
    lesson: Lesson,
    *,
    form: forms.Form | None = None,
    outcome: str | None = None,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    """Render a lesson's page around what its try-it produced."""
    previous, following = course.neighbours(lesson)
    if form is None:
        form_class = getattr(lesson.view, "form_class", None)
        form = form_class() if form_class else None
    context = {
        "lesson": lesson,
        "section": course.section_of(lesson),
        "form": form,
        "outcome": outcome,
        "notes": messages.get_messages(request),
        "code": [(dotted_path(f), highlighted_source(f)) for f in lesson.code],
        "previous": previous,
        "next": following,
        **extra,
    }
    return render(request, lesson.template, context, status=status)
