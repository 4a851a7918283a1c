"""A test-only URLconf: the course, the debug toolbar's views, and a page that
two requests render at the same moment."""

import threading

from debug_toolbar import APP_NAME
from debug_toolbar.toolbar import DebugToolbar
from django.http import HttpRequest, HttpResponse
from django.template import Context, Template
from django.urls import include, path

# Replaced by each test that uses it: both requests render between its waits.
meeting = {"barrier": threading.Barrier(2, timeout=10)}


def render_together(request: HttpRequest) -> HttpResponse:
    """Render a template holding the visitor's secret while the other does."""
    meeting["barrier"].wait()
    html = Template("<body>{{ secret }}</body>").render(
        Context({"secret": request.GET["secret"]})
    )
    meeting["barrier"].wait()
    return HttpResponse(html)


urlpatterns = [
    path("together/", render_together, name="together"),
    path("__debug__/", include((DebugToolbar.get_urls(), APP_NAME))),
    path("", include("sessions_demo.urls")),
]
