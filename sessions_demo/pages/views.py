"""
The course's pages: the table of contents, every lesson's page, the glossary
and the finish page after the last lesson.

A lesson page shows the lesson; its try-it form comes back to the same URL.
There the lesson's view runs on the visitor's session and returns an Outcome;
after a POST the page redirects to itself and shows the outcome and what
changed, so a reload never runs the action twice. A page with several try-its
(log in, log out...) names the one to run in the form's `try_it` field. Every
try-it runs here, so here is where a session that would grow past its bounds
(lab/limits.py) is put back as it was, and the page says why with a 400. A
lesson with a prediction asks `/predictions/<lesson>/` afterwards which of its
choices held.
"""

from inspect import iscoroutinefunction

from asgiref.sync import async_to_sync
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from .. import course
from ..course import Lesson, glossary, journey, predictions
from ..lab import limits
from ..lab.middleware import observer
from ..lab.session_cookie import Action, decide
from ..lab.state import profile_of
from ..lessons.tryit import Outcome, TryIt
from ..panel import exchange
from ..panel.exchange import shorten
from . import changes
from .render import CHANGE_TAG, OUTCOME_TAG, render_lesson
from .setting_pages import setting_context

# The form field naming which of a page's POST try-its to run.
TRY_IT_FIELD = "try_it"
# That cookie holds 2 KB: a result echoes at most this much of a value (the
# panel shows all of it), and a long list of changes is summed up.
OUTCOME_CHARS = 600
MAX_CHANGES_LISTED = 8


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Show the table of contents."""
    return render(request, "pages/index.html", {"first": course.lessons()[0]})


@require_GET
def glossary_page(request: HttpRequest) -> HttpResponse:
    """Show the glossary: each term in plain words, and where it is taught."""
    lessons = {lesson.path: lesson for lesson in course.lessons()}
    terms = [(term, lessons.get(term.lesson)) for term in glossary.TERMS]
    return render(request, "pages/glossary.html", {"terms": terms})


@require_GET
def finish(request: HttpRequest) -> HttpResponse:
    """Show the end of the course: a recap of every section, from the outline."""
    context = {"recap": journey.recap(), "previous": journey.last_lesson()}
    return render(request, "pages/finish.html", context)


@observer
@require_GET
def prediction_json(request: HttpRequest, name: str) -> JsonResponse:
    """Say which choices of a lesson's prediction held on its last run."""
    lesson = next((item for item in course.lessons() if item.url_name == name), None)
    prediction = predictions.of(lesson.path) if lesson else None
    if prediction is None:
        raise Http404("This lesson has no prediction.")
    entry = predictions.run_of(prediction, exchange.recent(request))
    if entry is None:
        return JsonResponse({"ran": False})
    return JsonResponse(
        {
            "ran": True,
            "refused": entry.status >= 400,
            "request": f"{entry.method} {entry.path} → {entry.status}",
            "held": prediction.held(entry),
            "evidence": predictions.evidence(entry),
        }
    )


@require_http_methods(["GET", "HEAD", "POST"])
def lesson_page(request: HttpRequest, lesson: Lesson) -> HttpResponse:
    """Show a lesson; run its try-it on POST, or on GET with a query."""
    view = chosen_try_it(request, lesson)
    if view is None:
        if request.method == "POST":
            return HttpResponse("This lesson has nothing to post.", status=405)
        return render_lesson(request, lesson, **page_context(request, lesson))
    # What changed is told after a POST. The state before is read from the
    # store, not from request.session: the try-it must be the first to touch
    # the session, as in a plain view (is_empty() answers without a load).
    posted = request.method == "POST"
    cookie_name = profile_of(request).cookie_name
    before = changes.capture_stored(request.session, cookie_name) if posted else None
    result = run_try_it(view, request)
    if isinstance(result, HttpResponse):  # refused by the view's own decorators
        return result
    if posted and not result.refused and (too_big := grown_too_big(request, before)):
        put_back(request, before)
        result = Outcome(too_big, refused=True)
    # The HTTP exchange keeps what ran with this request's entry: the round
    # trip and the predictions check against it.
    made = changes.diff(before, state_after(request, before)) if posted else []
    exchange.note_try_it(request, result.text, made)
    if result.refused:
        response = render_lesson(
            request,
            lesson,
            form=result.form,
            ran=view,
            outcome=result.text or None,
            status=result.status,
            **page_context(request, lesson),
        )
        if result.retry_after is not None:
            response["Retry-After"] = str(result.retry_after)
        return response
    if not posted:
        return render_lesson(
            request, lesson, outcome=result.text, **page_context(request, lesson)
        )
    messages.info(request, shorten(result.text, OUTCOME_CHARS), extra_tags=OUTCOME_TAG)
    described = described_changes(request, before)
    if len(described) > MAX_CHANGES_LISTED:
        more = len(described) - MAX_CHANGES_LISTED + 1
        described = [*described[: MAX_CHANGES_LISTED - 1], f"and {more} more changes"]
    for change in described:
        messages.info(request, change, extra_tags=CHANGE_TAG)
    return redirect(request.path)


def grown_too_big(request: HttpRequest, before: changes.State) -> str | None:
    """Say why the session may not keep what the try-it made of it, if so."""
    # A try-it that never touched the session's data cannot have grown it.
    if not request.session.accessed:
        return None
    return limits.refused_growth(request.session, before.data)


def put_back(request: HttpRequest, before: changes.State) -> None:
    """Undo a try-it's changes to the session: nothing of them is saved."""
    session = request.session
    if session.session_key == before.session_key:
        # The store still holds the session as it was: open it afresh.
        request.session = type(session)(before.session_key)
    else:
        # The key moved on (cycle_key() deleted the old one): keep the new
        # key, with the data the session held before.
        session.clear()
        session.update(before.data)


def chosen_try_it(request: HttpRequest, lesson: Lesson) -> TryIt | None:
    """Return the try-it this request runs: a POST names it, a query runs a read."""
    if request.method == "POST":
        return lesson.posted_try_it(request.POST.get(TRY_IT_FIELD, ""))
    return lesson.view if lesson.method == "GET" and request.GET else None


def page_context(request: HttpRequest, lesson: Lesson) -> dict:
    """Return what a kind of lesson page shows besides the lesson itself."""
    context = setting_context(request, lesson.setting) if lesson.setting else {}
    if lesson.context:
        context |= lesson.context(request)
    return context


def run_try_it(view: TryIt, request: HttpRequest) -> Outcome | HttpResponse:
    """Call a try-it view; an `async def` one runs in an event loop of its own."""
    if iscoroutinefunction(view):
        return async_to_sync(view)(request)
    return view(request)


def described_changes(request: HttpRequest, before: changes.State) -> list[str]:
    """Say what the try-it changed, and whether the response will save it."""
    described = changes.describe(before, state_after(request, before))
    if described and not will_be_saved(request):
        described = [f"{change}, in memory only: not saved" for change in described]
    return described or ["nothing changed"]


def state_after(request: HttpRequest, before: changes.State) -> changes.State:
    """Return the session as the try-it left it."""
    # A try-it that never touched the session's data left the session as it
    # was; loading it now, only to compare, would act on the store (refill a
    # cache, drop an expired key) on the try-it's behalf.
    return changes.capture(request.session) if request.session.accessed else before


def will_be_saved(request: HttpRequest) -> bool:
    """Tell whether SessionMiddleware will write the session on the way out."""
    profile = profile_of(request)
    decision = decide(
        request.session,
        cookie_sent=profile.cookie_name in request.COOKIES,
        save_every_request=profile.save_every_request,
        status=302,  # the redirect this POST is answered with
    )
    return decision.action is not Action.NONE
