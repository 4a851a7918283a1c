"""
When a session store fails, say so: a 503 page instead of a bare 500, and a
400 page that explains SessionInterrupted instead of a bare "Bad Request".

A store can fail on any request: the cache server is down, the file folder was
removed or is not writable, the database is gone. Django then raises from the
session engine, usually in SessionMiddleware as the response goes out, where
no view can catch it. Django turns the exception into a 500 response before
an outer middleware sees it, but first sends `got_request_exception`; we note
there whether the exception came out of a session or cache backend, and the
middleware swaps that 500 for a page that names what failed and how to switch
engine. The failing engine's requests save nothing (Django skips saving on
5xx); the other engines keep working, since nothing here is global.

A save can also find the session gone from its store (expired and deleted,
evicted) when the view changed it without reading it first, as clear() does.
Django then raises SessionInterrupted, a 400; the lab notes it on request.lab
and this middleware answers with a page that says what happened.
"""

import sys
import traceback
from typing import Any

from django.core.signals import got_request_exception
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..lab.engines import ENGINES, engine_name, short_name
from ..lab.state import profile_of
from ..panel.stored import describe_error

BACKEND_MODULES = ("django.contrib.sessions.backends.", "django.core.cache.backends.")
ERROR_ATTRIBUTE = "session_backend_error"


def raised_by_backend(error: BaseException) -> bool:
    """Tell whether the error passed through a session or cache backend."""
    return any(
        frame.f_globals.get("__name__", "").startswith(BACKEND_MODULES)
        for frame, _ in traceback.walk_tb(error.__traceback__)
    )


def remember_backend_error(sender: Any, request: HttpRequest | None = None, **kwargs):
    """Note on the request an error that a session store raised."""
    error = sys.exc_info()[1]
    if request is not None and error is not None and raised_by_backend(error):
        setattr(request, ERROR_ATTRIBUTE, error)


got_request_exception.connect(
    remember_backend_error, dispatch_uid="sessions_demo.pages.store_errors"
)


class StoreErrorMiddleware:
    """Answer a failed store (503) or a session gone before its save (400)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        lab = getattr(request, "lab", None)
        if lab is not None and lab.interrupted:
            return render(
                request,
                "pages/session_interrupted.html",
                {"engine": engine_name(request.session)},
                status=400,
            )
        error = getattr(request, ERROR_ATTRIBUTE, None)
        if error is None:
            return response
        return render(
            request,
            "pages/store_error.html",
            explain(request, error),
            status=503,
        )


def explain(request: HttpRequest, error: BaseException) -> dict[str, Any]:
    """Say which engine failed, on what, and which engines to switch to."""
    profile = profile_of(request)
    session = getattr(request, "session", None)
    engine = engine_name(session) if session is not None else short_name(profile.engine)
    return {
        "engine": engine,
        "error": describe_error(error),
        "cache_alias": profile.cache_alias,
        "file_path": profile.file_path,
        "others": [name for name in ENGINES if name != engine],
    }
