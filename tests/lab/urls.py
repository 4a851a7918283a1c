"""A test-only URLconf: a view where two requests wait for each other mid-way."""

import threading

from django.http import HttpRequest, JsonResponse
from django.urls import path

from sessions_demo.lab.state import profile_of

# Replaced by each test that uses it; two requests meet here before answering.
meeting = {"barrier": threading.Barrier(2, timeout=10)}


def meet(request: HttpRequest) -> JsonResponse:
    """Write the session, wait for the other visitor's request, then answer."""
    request.session["visitor"] = request.GET["visitor"]
    meeting["barrier"].wait()
    profile = profile_of(request)
    return JsonResponse(
        {
            "engine": profile.engine,
            "cookie_name": profile.cookie_name,
            "visitor": request.session["visitor"],
        }
    )


urlpatterns = [path("meet/", meet, name="meet")]
