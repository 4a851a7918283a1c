"""
The lab's session middleware: Django's `SessionMiddleware`, run with each
visitor's profile instead of `settings`.

Django's middleware picks its engine once, at start-up, and reads every other
session setting from `settings`, shared by all requests. This one reads the
visitor's profile from the lab cookie on each request, gives the request a
store bound to it, and on the way out does what Django's `process_response`
does, line for line, with the profile's values. tests/test_lab_fidelity.py runs
both side by side and compares what they answer and store.
"""

import time
from collections.abc import Callable
from dataclasses import replace

from django.contrib import messages
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date

from ..engines import engine_path
from . import profile as lab_profile
from .stores import store_class

OBSERVER_MARK = "session_observer"
ESCAPE_MARK = "session_escape"
# The store a request gets when its own could not even be opened (see escape).
PLACEHOLDER_ENGINE = engine_path("signed_cookies")


def observer(view: Callable) -> Callable:
    """Mark a view that looks at the session and must never write it back."""
    setattr(view, OBSERVER_MARK, True)
    return view


def escape(view: Callable) -> Callable:
    """Mark a view that must run even when the visitor's store cannot be opened.

    The lab is how a visitor leaves a broken engine (a removed file folder, a
    cache that is down). Django would fail before any view runs; such a view
    gets an empty stand-in session instead and `request.session_failure`.
    """
    setattr(view, ESCAPE_MARK, True)
    return view


class LabSessionMiddleware(SessionMiddleware):
    """SessionMiddleware with per-visitor settings; a subclass, so isinstance holds."""

    def process_request(self, request: HttpRequest) -> None:
        profile, problem = lab_profile.read(request)
        request.session_profile = profile
        request.lab_problem = problem
        request.session_failure = None
        try:
            request.session = store_class(profile)(
                request.COOKIES.get(profile.cookie_name)
            )
        except Exception as error:
            if not _escapes(request):
                raise
            request.session_failure = error
            stand_in = replace(profile, engine=PLACEHOLDER_ENGINE)
            request.session = request.session_stand_in = store_class(stand_in)()

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        request.session_observer = getattr(view_func, OBSERVER_MARK, False)
        if request.lab_problem and not request.session_observer:
            messages.warning(
                request,
                request.lab_problem,
                extra_tags=lab_profile.LAB_MESSAGE_TAG,
                fail_silently=True,
            )
            request.lab_problem_told = True
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
            accessed = request.session.accessed
            modified = request.session.modified
            empty = request.session.is_empty()
            profile = request.session_profile
        except AttributeError:
            return response
        if getattr(request, "lab_problem_told", False):
            response.delete_cookie(lab_profile.LAB_COOKIE_NAME, samesite="Lax")
        stand_in = getattr(request, "session_stand_in", None)
        if getattr(request, "session_observer", False) or request.session is stand_in:
            # An observer, or a stand-in for a store that failed: touch nothing.
            if accessed:
                patch_vary_headers(response, ("Cookie",))
            return response
        # First check if we need to delete this cookie.
        # The session should be deleted only if the session is entirely empty.
        if profile.cookie_name in request.COOKIES and empty:
            response.delete_cookie(
                profile.cookie_name,
                path=profile.cookie_path,
                domain=profile.cookie_domain,
                samesite=profile.cookie_samesite,
            )
            need_vary_cookie = True
        else:
            # If the session was accessed, it must be varied on, regardless of
            # whether it was modified or will be saved.
            need_vary_cookie = accessed
            if (modified or profile.save_every_request) and not empty:
                if request.session.get_expire_at_browser_close():
                    max_age = None
                    expires = None
                else:
                    max_age = request.session.get_expiry_age()
                    expires_time = time.time() + max_age
                    expires = http_date(expires_time)
                # Save the session data and refresh the client cookie.
                # Skip session save for 5xx responses.
                if response.status_code < 500:
                    try:
                        request.session.save()
                    except UpdateError:
                        raise SessionInterrupted(  # noqa: B904 (as Django raises it)
                            "The request's session was deleted before the "
                            "request completed. The user may have logged "
                            "out in a concurrent request, for example."
                        )
                    response.set_cookie(
                        profile.cookie_name,
                        request.session.session_key,
                        max_age=max_age,
                        expires=expires,
                        domain=profile.cookie_domain,
                        path=profile.cookie_path,
                        secure=profile.cookie_secure or None,
                        httponly=profile.cookie_httponly or None,
                        samesite=profile.cookie_samesite,
                    )
                    # With a session cookie set, it must be varied on.
                    need_vary_cookie = True
        if need_vary_cookie:
            patch_vary_headers(response, ("Cookie",))
        return response


def _escapes(request: HttpRequest) -> bool:
    """Tell whether the request goes to a view marked @escape."""
    try:
        return getattr(resolve(request.path_info).func, ESCAPE_MARK, False)
    except Resolver404:
        return False
