"""
The plumbing behind every "try it" control, kept out of the views it serves.

A lesson's try-it view stays as plain as the guide's examples: it receives
already-validated input from `form_input` and hands its outcome to `report`.
Invalid input never reaches the view: the lesson page is shown again with the
form's errors and a 400, and the session is left as it was.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from . import pages

# Messages travel in their own cookie (settings.MESSAGE_STORAGE), so reporting
# an outcome never writes into the session the lesson is about.
OUTCOME_TAG = "outcome"

TryItView = Callable[..., HttpResponse]


def form_input(form_class: type[forms.Form]) -> Callable[[TryItView], TryItView]:
    """Validate the request's input with form_class; pass its fields as kwargs."""

    def decorator(view: TryItView) -> TryItView:
        @wraps(view)
        def wrapper(request: HttpRequest) -> HttpResponse:
            data = request.POST if request.method == "POST" else request.GET
            form = form_class(data)
            if not form.is_valid():
                return pages.render_lesson(request, form=form, status=400)
            return view(request, **form.cleaned_data)

        wrapper.form_class = form_class
        return wrapper

    return decorator


def report(request: HttpRequest, outcome: str) -> HttpResponse:
    """Show the outcome of a try-it: after a POST, on the page it redirects to."""
    if request.method == "POST":
        messages.info(request, outcome, extra_tags=OUTCOME_TAG)
        return redirect(request.path)
    return pages.render_lesson(request, outcome=outcome)


def refuse(request: HttpRequest, reason: str) -> HttpResponse:
    """Show why a try-it changed nothing, on its page with a 400."""
    return pages.render_lesson(request, outcome=reason, status=400)


def form_class_of(view: Any) -> type[forms.Form] | None:
    """Return the form a try-it view validates its input with, if any."""
    return getattr(view, "form_class", None)
