"""
Where sessions come from: a cookie that carries only a random key, and a store
on the server that maps the key to the data. Three pieces switch them on: the
`django.contrib.sessions` app, its middleware, and (for the database engine)
the `django_session` table that `migrate` creates.
"""

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils.module_loading import import_string
from django.views.decorators.http import require_GET, require_POST

from ..tryit import report

VISITS = "visits"
SESSIONS_APP = "django.contrib.sessions"


@require_POST
def count_visit(request: HttpRequest) -> HttpResponse:
    """Count how many times this visitor pressed the button."""
    request.session[VISITS] = request.session.get(VISITS, 0) + 1
    return report(request, f"request.session[{VISITS!r}] → {request.session[VISITS]}")


@require_GET
def check_setup(request: HttpRequest) -> HttpResponse:
    """Check the three pieces that switch sessions on."""
    app = SESSIONS_APP in settings.INSTALLED_APPS
    # Django's SessionMiddleware or a subclass (this site runs the lab's).
    found = [
        path
        for path in settings.MIDDLEWARE
        if issubclass(import_string(path), SessionMiddleware)
    ]
    table = "django_session" in connection.introspection.table_names()
    return report(
        request,
        f"app installed: {app} · middleware on: {bool(found)} ({', '.join(found)})"
        f" · table exists: {table}",
    )
