"""
The lab's session middleware: Django's `SessionMiddleware`, run with each
visitor's profile instead of `settings`.

Django's middleware picks its engine once, at start-up, and reads every other
session setting from `settings`, shared by all requests. This one reads the
visitor's profile from the lab cookie on each request, gives the request a
store bound to it, and on the way out takes Django's own decision about the
session cookie (session_cookie.py) with the profile's values.
tests/lab/test_fidelity.py runs both side by side and compares what they
answer and store.

While it serves a request, new sessions count against the request's address
(limits.py); one too many is answered with a 429 page that says so.
"""

from collections.abc import Callable
from dataclasses import replace

from django.contrib import messages
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers

from . import limits
from . import profile as lab_profile
from .engines import engine_path
from .session_cookie import Action, decide
from .state import LabState
from .stores import store_class

OBSERVER_MARK = "session_observer"
STORE_FAILURE_MARK = "session_store_failure_allowed"
# The store a request gets when its own could not even be opened.
PLACEHOLDER_ENGINE = engine_path("signed_cookies")


def observer(view: Callable) -> Callable:
    """Mark a view that looks at the session and must never write it back."""
    setattr(view, OBSERVER_MARK, True)
    return view


def runs_without_store(view: Callable) -> Callable:
    """Mark a view that must run even when the visitor's store cannot be opened.

    The lab is how a visitor leaves a broken engine (a removed file folder, a
    cache that is down). Django would fail before any view runs; such a view
    gets an empty stand-in session instead, and `request.lab.failure`.
    """
    setattr(view, STORE_FAILURE_MARK, True)
    return view


class LabSessionMiddleware(SessionMiddleware):
    """SessionMiddleware with per-visitor settings; a subclass, so isinstance holds."""

    def process_request(self, request: HttpRequest) -> None:
        limits.serve(limits.address_of(request))
        profile, problem = lab_profile.read(request)
        request.lab = LabState(profile=profile, arrived_with=profile, problem=problem)
        try:
            request.session = store_class(profile)(
                request.COOKIES.get(profile.cookie_name)
            )
        except Exception as error:
            if not _runs_without_store(request):
                raise
            stand_in = store_class(replace(profile, engine=PLACEHOLDER_ENGINE))()
            request.lab.failure, request.lab.stand_in = error, stand_in
            request.session = stand_in

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        lab = request.lab
        lab.observer = getattr(view_func, OBSERVER_MARK, False)
        if lab.problem and not lab.observer:
            messages.warning(
                request,
                lab.problem,
                extra_tags=lab_profile.LAB_MESSAGE_TAG,
                fail_silently=True,
            )
            lab.problem_told = True
        return None

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        # A view that started a session one too many (cycle_key(), a planted one).
        if isinstance(exception, limits.SessionRefused):
            return refused(request, exception)
        return None

    def process_response(
        self, request: HttpRequest, response: HttpResponse
    ) -> HttpResponse:
        """
        Do what Django's SessionMiddleware does, with the profile's settings.

        One deliberate difference: a view marked @observer (the live panel)
        never saves the session and never sets or deletes a cookie, even with
        SESSION_SAVE_EVERY_REQUEST, where stock Django would save and refresh
        the expiry. Looking at a session must not change what is looked at.
        """
        try:
            return self._save_and_set_cookie(request, response)
        except limits.SessionRefused as refusal:
            return refused(request, refusal)
        finally:
            limits.done()

    def _save_and_set_cookie(
        self, request: HttpRequest, response: HttpResponse
    ) -> HttpResponse:
        lab: LabState | None = getattr(request, "lab", None)
        session = getattr(request, "session", None)
        if lab is None or session is None:
            return response
        if lab.problem_told:
            response.delete_cookie(lab_profile.LAB_COOKIE_NAME, samesite="Lax")
        if lab.observer or session is lab.stand_in:
            # An observer, or a stand-in for a store that failed: touch nothing.
            if session.accessed:
                patch_vary_headers(response, ("Cookie",))
            return response
        profile = lab.profile
        try:
            decision = decide(
                session,
                cookie_sent=profile.cookie_name in request.COOKIES,
                save_every_request=profile.save_every_request,
                status=response.status_code,
            )
        except AttributeError:  # not a session any more: Django saves nothing
            return response
        lab.cookie = decision
        if decision.action is Action.DELETE:
            response.delete_cookie(
                profile.cookie_name,
                path=profile.cookie_path,
                domain=profile.cookie_domain,
                samesite=profile.cookie_samesite,
            )
        elif decision.action is Action.SET:
            # Save the session data and refresh the client cookie.
            try:
                session.save()
            except UpdateError:
                lab.interrupted = True  # for the page that explains it (pages/)
                raise SessionInterrupted(  # noqa: B904 (as Django raises it)
                    "The request's session was deleted before the "
                    "request completed. The user may have logged "
                    "out in a concurrent request, for example."
                )
            response.set_cookie(
                profile.cookie_name,
                session.session_key,
                max_age=decision.max_age,
                expires=decision.expires,
                domain=profile.cookie_domain,
                path=profile.cookie_path,
                secure=profile.cookie_secure or None,
                httponly=profile.cookie_httponly or None,
                samesite=profile.cookie_samesite,
            )
        if decision.vary:
            patch_vary_headers(response, ("Cookie",))
        return response


def refused(request: HttpRequest, refusal: limits.SessionRefused) -> HttpResponse:
    """Answer a session the stores would not keep: a 429 page, nothing saved."""
    response = render(request, "lab/refused.html", {"reason": str(refusal)}, status=429)
    response["Retry-After"] = str(refusal.retry_after)
    return response


def _runs_without_store(request: HttpRequest) -> bool:
    """Tell whether the request goes to a view marked @runs_without_store."""
    try:
        return getattr(resolve(request.path_info).func, STORE_FAILURE_MARK, False)
    except Resolver404:
        return False
