"""
The debug toolbar's Request panel, drawing any session it is given.

django-debug-toolbar's RequestPanel lists the session's values through
Django's settings cleanser, which recurses once per level of nesting: a session
holding a list nested a thousand deep (stored before the course bounded values
at 20 levels) made every page of that visitor a 500, after tens of seconds of
a debug page. This panel shows such a value as a note, and the rest as usual.
"""

from typing import Any

from debug_toolbar.panels.request import RequestPanel
from debug_toolbar.utils import sanitize_and_sort_request_vars
from django.http import HttpRequest, HttpResponse

from .toolbar_templates import TOO_DEEP


class OwnRequestPanel(RequestPanel):
    """RequestPanel that shows a session value nested too deeply as a note."""

    def generate_stats(self, request: HttpRequest, response: HttpResponse) -> None:
        try:
            super().generate_stats(request, response)
        except RecursionError:
            # The session comes last, and only it can nest: GET, POST and the
            # cookies are flat, and were recorded.
            session = dict(request.session)
            self.record_stats(
                {"session": {"list": [(key, _shown(session, key)) for key in session]}}
            )


def _shown(session: dict[str, Any], key: str) -> Any:
    try:
        return sanitize_and_sort_request_vars({key: session[key]})["list"][0][1]
    except RecursionError:
        return TOO_DEEP
