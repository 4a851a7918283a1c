"""
SESSION_ENGINE = "sessions_demo.user_sessions.db": Django's db engine on the
UserSession model, filling its user column on every save.

Django's db engine asks `get_model_class()` which model to use and builds the
row to save with `create_model_instance(data)`, or `acreate_model_instance()`
when saved by async code; overriding those is all a custom database engine
needs. The user comes from the data itself: `login()` stores the user's id
under `_auth_user_id`, `logout()` flushes it away.
"""

from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DBStore
from django.db import models

from .models import UserSession


class SessionStore(DBStore):
    """The db engine, on a model that also records whose session it is."""

    @classmethod
    def get_model_class(cls) -> type[models.Model]:
        return UserSession

    def create_model_instance(self, data: dict[str, Any]) -> UserSession:
        row = super().create_model_instance(data)
        row.user_id = user_id_of(data)
        return row

    async def acreate_model_instance(self, data: dict[str, Any]) -> UserSession:
        # Django's async save path builds its row here, not in the method above.
        row = await super().acreate_model_instance(data)
        row.user_id = user_id_of(data)
        return row


def user_id_of(data: dict[str, Any]) -> int | None:
    """Return the logged-in user's id in a session's data, or None."""
    try:
        return int(data.get(SESSION_KEY))
    except (TypeError, ValueError):
        return None
