"""
Enabling sessions: one app, one middleware, one table.

Three pieces switch sessions on: the `django.contrib.sessions` app, its
`SessionMiddleware`, and (for the db and cached_db engines) the `django_session` table
that `migrate` creates. A new project has all three already.
"""

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import connection
from django.http import HttpRequest
from django.utils.module_loading import import_string
from django.views.decorators.http import require_GET

from ..tryit import Outcome

SESSIONS_APP = "django.contrib.sessions"


@require_GET
def check_setup(request: HttpRequest) -> Outcome:
    """Check the three pieces that switch sessions on."""
    app = SESSIONS_APP in settings.INSTALLED_APPS
    # Django's SessionMiddleware or a subclass (this site runs the lab's).
    found = [
        path
        for path in settings.MIDDLEWARE
        if issubclass(import_string(path), SessionMiddleware)
    ]
    table = "django_session" in connection.introspection.table_names()
    return Outcome(
        f"app installed: {app} · middleware on: {bool(found)} ({', '.join(found)})"
        f" · table exists: {table}"
    )
