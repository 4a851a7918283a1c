"""
Security: the deployment checks Django runs on a project's session settings.

`manage.py check --deploy` warns when the session cookie could leak: sent over
plain HTTP (SESSION_COOKIE_SECURE off) or readable by scripts
(SESSION_COOKIE_HTTPONLY off).
"""

from django.core import checks
from django.http import HttpRequest
from django.views.decorators.http import require_GET

from ..tryit import Outcome

# Django's deployment warnings about the session cookie (SECURE and HTTPONLY).
SESSION_CHECK_IDS = {f"security.W0{n}" for n in range(10, 16)}


@require_GET
def deploy_checks(request: HttpRequest) -> Outcome:
    """Run Django's deployment checks and keep the ones about sessions."""
    found = [
        message
        for message in checks.run_checks(include_deployment_checks=True)
        if message.id in SESSION_CHECK_IDS
    ]
    lines = [f"{message.id}: {message.msg}" for message in found]
    return Outcome("\n\n".join(lines) or "No session warnings.")
