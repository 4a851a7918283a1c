"""
What a try-it action changed in the session: keys added, removed or changed,
the key regenerated, the expiry moved. Compared on the session object itself,
before the action and after it, within the same request.
"""

import copy
from dataclasses import dataclass
from typing import Any

from django.contrib.sessions.backends.base import SessionBase

from ..lab.engines import EXPIRY_KEY


@dataclass(frozen=True)
class State:
    session_key: str | None
    data: dict[str, Any]


def capture(session: SessionBase) -> State:
    """Copy what the session holds now, deep enough to compare later."""
    return State(session.session_key, copy.deepcopy(dict(session.items())))


def describe(before: State, after: State) -> list[str]:
    """List in words what differs between two states of one session."""
    changes = []
    old, new = before.data, after.data
    for key in sorted(new.keys() - old.keys()):
        if key != EXPIRY_KEY:
            changes.append(f"added {key!r}")
    for key in sorted(old.keys() - new.keys()):
        if key != EXPIRY_KEY:
            changes.append(f"removed {key!r}")
    for key in sorted(old.keys() & new.keys()):
        if key != EXPIRY_KEY and old[key] != new[key]:
            changes.append(f"changed {key!r}")
    if old.get(EXPIRY_KEY) != new.get(EXPIRY_KEY):
        changes.append("expiry moved")
    if before.session_key and not after.session_key:
        changes.append("session key dropped")
    elif before.session_key and before.session_key != after.session_key:
        changes.append("session key regenerated")
    return changes
