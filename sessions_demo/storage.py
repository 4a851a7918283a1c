"""
What the engine physically stored for a session, read straight from the store.

Each engine keeps a session somewhere else: a row in `django_session`, a cache
entry, a file, or the cookie itself. These readers look without touching: they
never save, never refresh an expiry, never create anything.
"""

from datetime import datetime
from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.models import Session

from .engines import engine_name


def stored(session: SessionBase) -> dict[str, Any]:
    """Describe what the session's engine holds for it right now."""
    engine = engine_name(session)
    reader = READERS.get(engine)
    if reader is None or not session.session_key:
        return {"engine": engine, "where": None}
    return {"engine": engine, **reader(session)}


def stored_expiry(session: SessionBase) -> datetime | None:
    """Return the expiry the store itself enforces, when it records one."""
    return stored(session).get("expire_date")


def _database_row(session: SessionBase) -> dict[str, Any]:
    row = Session.objects.filter(session_key=session.session_key).first()
    if row is None:
        return {"where": "django_session table", "row": None}
    return {
        "where": "django_session table",
        "row": {
            "session_key": row.session_key,
            "session_data": row.session_data,
            "expire_date": row.expire_date,
        },
        "decoded": session.decode(row.session_data),
        "expire_date": row.expire_date,
    }


READERS = {
    "db": _database_row,
}
