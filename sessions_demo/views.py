"""
The course's own pages: the table of contents, every lesson's URL, and the
panel as JSON. The lessons' try-it views live in `lessons/`.
"""

from collections.abc import Callable
from inspect import iscoroutinefunction
from typing import Any

from asgiref.sync import async_to_sync
from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.module_loading import import_string
from django.views.decorators.http import require_GET, require_http_methods

from . import changes, course, pages, panel, storage
from .lab.middleware import observer
from .lab.profile import profile_of

CHANGE_TAG = "change"


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Show the table of contents."""
    return render(
        request, "sessions_demo/index.html", {"snapshot": panel.snapshot(request)}
    )


@require_http_methods(["GET", "HEAD", "POST"])
def lesson_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Show a lesson; run its try-it view on POST, or on GET with a query."""
    lesson = course.lesson(slug)
    runs = request.method == "POST" if lesson.method == "POST" else bool(request.GET)
    if not (lesson.action and runs):
        if request.method == "POST":
            return HttpResponse("This lesson has nothing to post.", status=405)
        return pages.render_lesson(request)
    before = changes.capture(request.session)
    response = run_action(import_string(lesson.action), request)
    if request.method == "POST" and response.status_code < 400:
        after = changes.capture(request.session)
        described = changes.describe(before, after)
        if described and not will_be_saved(request):
            described = [f"{change}, in memory only: not saved" for change in described]
        for change in described or ["nothing changed"]:
            messages.info(request, change, extra_tags=CHANGE_TAG)
    return response


def run_action(action: Callable[[HttpRequest], Any], request: HttpRequest) -> Any:
    """Call a try-it view; an `async def` one runs in an event loop of its own."""
    if iscoroutinefunction(action):
        return async_to_sync(action)(request)
    return action(request)


def will_be_saved(request: HttpRequest) -> bool:
    """Tell whether SessionMiddleware will save the session on the way out."""
    return request.session.modified or profile_of(request).save_every_request


@observer
@require_GET
def panel_json(request: HttpRequest) -> JsonResponse:
    """Return the live panel's snapshot as JSON, without touching the session."""
    return JsonResponse(panel.snapshot(request), encoder=DjangoJSONEncoder)


@observer
@require_GET
def panel_stored(request: HttpRequest) -> HttpResponse:
    """Return the panel's "stored by" part as HTML, for its script to swap in."""
    # One template renders what each engine stored, on the page and here; the
    # panel's script reads the rest of the panel from /panel/'s JSON.
    stored = storage.stored(request.session, profile_of(request).cookie_name)
    return render(request, "includes/panel_storage.html", {"storage": stored})
