"""
Rendering a lesson page: explanation, try-it form, the code that ran, the
outcome, the live panel, the tests that verify it, and prev/next.
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.module_loading import import_string

from . import course, panel, source


def current_lesson(request: HttpRequest) -> course.Lesson:
    """Return the lesson whose URL this request came in on."""
    return course.lesson(request.resolver_match.kwargs["slug"])


def render_lesson(
    request: HttpRequest,
    *,
    form: forms.Form | None = None,
    outcome: str | None = None,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    """Render the current lesson's page around what the try-it produced."""
    lesson = current_lesson(request)
    previous, following = course.neighbours(lesson)
    if form is None and lesson.action:
        form_class = getattr(import_string(lesson.action), "form_class", None)
        form = form_class() if form_class else None
    context = {
        "lesson": lesson,
        "section": course.section_of(lesson),
        "form": form,
        "outcome": outcome,
        "notes": messages.get_messages(request),
        "code": [(path, source.highlighted_source(path)) for path in lesson.code],
        "snapshot": panel.snapshot(request),
        "previous": previous,
        "next": following,
        **extra,
    }
    return render(request, f"sessions_demo/{lesson.slug}.html", context, status=status)
