"""
Sessions beyond the request: reaching a session from any code that holds its
key, and the deployment checks Django runs on a project's session settings.

A session is just data in a store under a key. A management command, a task
queue or a shell can open it with the engine's `SessionStore(session_key)`,
no request needed; that is also why the key must stay secret.
"""

from django.core import checks
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from ..tryit import report

# Django's deployment warnings about the session cookie (SECURE and HTTPONLY).
SESSION_CHECK_IDS = {f"security.W0{n}" for n in range(10, 16)}


@require_GET
def open_by_key(request: HttpRequest) -> HttpResponse:
    """Open the visitor's session again, by its key alone, as a script would."""
    key = request.session.session_key
    SessionStore = type(request.session)  # a script imports it from the engine
    seen_from_outside = SessionStore(session_key=key)
    return report(
        request, f"SessionStore({key!r}) → {dict(seen_from_outside.items())!r}"
    )


@require_GET
def deploy_checks(request: HttpRequest) -> HttpResponse:
    """Run Django's deployment checks and keep the ones about sessions."""
    found = [
        message
        for message in checks.run_checks(include_deployment_checks=True)
        if message.id in SESSION_CHECK_IDS
    ]
    lines = [f"{message.id}: {message.msg}" for message in found]
    return report(request, "\n\n".join(lines) or "No session warnings.")
