"""
A custom engine: Django's db engine on a model with a user column.

Django's django_session table knows keys, encoded data and expiry dates, not
whose session a row is. The course's `user_db` engine (sessions_demo/
user_sessions/) stores the logged-in user in a column of its own, so "every
session of this user" is one query: list them, or end them all at once.
Both are for a demo user of one's own (demo_users.py): everybody may log in as
`learner`, and learner's sessions are the whole class's.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib import auth
from django.http import HttpRequest
from django.utils import timezone
from django.views.decorators.http import require_POST

from ...user_sessions.db import SessionStore as UserSessionStore
from ...user_sessions.models import UserSession
from ..tryit import Outcome
from . import demo_users


@dataclass(frozen=True)
class ActiveSession:
    created: datetime
    expire_date: datetime
    this_browser: bool


@require_POST
@demo_users.own_user_only(doing="signing out everywhere")
def sign_out_everywhere(request: HttpRequest) -> Outcome:
    """Delete every session of the logged-in user, this browser's included."""
    if not isinstance(request.session, UserSessionStore):
        return Outcome("Your session is not on user_db: switch first.", refused=True)
    user = request.user
    rows = UserSession.objects.filter(user=user)
    keys = list(rows.values_list("session_key", flat=True))
    store = type(request.session)()
    for key in keys:
        store.delete(key)  # through the engine: a cached variant drops its copy too
    auth.logout(request)  # and this browser's cookie goes
    return Outcome(
        f"deleted {len(keys)} session(s) of {user.get_username()} from "
        f"{UserSession._meta.db_table}, this browser's included"
    )


def active_sessions(request: HttpRequest) -> dict[str, list[ActiveSession] | None]:
    """List the logged-in user's unexpired sessions, without their keys."""
    if not demo_users.is_own(request.user):  # a visitor, or everybody's learner
        return {"active_sessions": None}
    rows = UserSession.objects.filter(
        user=request.user, expire_date__gt=timezone.now()
    ).order_by("created")
    return {
        "active_sessions": [
            ActiveSession(
                row.created,
                row.expire_date,
                this_browser=row.session_key == request.session.session_key,
            )
            for row in rows
        ]
    }
