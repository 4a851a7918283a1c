"""
What a try-it action changed in the session: keys added, removed or changed,
the key regenerated, the expiry moved, within the same request.

The state before the action is read from the store, the way the live panel
reads it (one read, never the engine's load()), so the try-it meets its
session untouched, exactly as a plain view would: not loaded yet, and
`is_empty()` answering without a load. The state after it is the session
object itself, as the try-it left it.

Each state is a copy made by a round trip through the session's own
serializer: everything a session holds came out of it, and the C-coded JSON
module copes with any depth a store could give back (copy.deepcopy does not).
"""

from dataclasses import dataclass
from typing import Any

from django.contrib.sessions.backends.base import SessionBase

from ..lab.engines import EXPIRY_KEY
from ..panel.stored import stored

# The kinds of change, as the page words them.
ADDED, REMOVED, CHANGED = "added", "removed", "changed"
EXPIRY_MOVED, KEY_DROPPED, KEY_REGENERATED = "expiry", "key dropped", "key regenerated"
WORDS = {
    EXPIRY_MOVED: "expiry moved",
    KEY_DROPPED: "session key dropped",
    KEY_REGENERATED: "session key regenerated",
}


@dataclass(frozen=True)
class State:
    session_key: str | None
    data: dict[str, Any]


def capture(session: SessionBase) -> State:
    """Copy what the session holds now, deep enough to compare later."""
    return State(session.session_key, _copied(session, dict(session.items())))


def capture_stored(session: SessionBase, cookie_name: str) -> State:
    """Read what the store holds for the session, without loading the session."""
    loaded = stored(session, cookie_name)["loaded"]
    if loaded is None:  # no session under this key: a load would drop the key
        return State(None, {})
    return State(session.session_key, _copied(session, loaded))


def _copied(session: SessionBase, data: dict[str, Any]) -> dict[str, Any]:
    serializer = session.serializer()
    try:
        return serializer.loads(serializer.dumps(data))
    except (RecursionError, TypeError, ValueError):
        # Not writable by its serializer: nothing a store gave back. Compare
        # the values themselves; a change inside one goes unnoticed.
        return dict(data)


def diff(before: State, after: State) -> list[tuple[str, str]]:
    """List what differs between two states of one session, as (kind, key)."""
    changes = []
    old, new = before.data, after.data
    for key in sorted(new.keys() - old.keys()):
        if key != EXPIRY_KEY:
            changes.append((ADDED, key))
    for key in sorted(old.keys() - new.keys()):
        if key != EXPIRY_KEY:
            changes.append((REMOVED, key))
    for key in sorted(old.keys() & new.keys()):
        if key != EXPIRY_KEY and old[key] != new[key]:
            changes.append((CHANGED, key))
    if old.get(EXPIRY_KEY) != new.get(EXPIRY_KEY):
        changes.append((EXPIRY_MOVED, ""))
    if before.session_key and not after.session_key:
        changes.append((KEY_DROPPED, ""))
    elif before.session_key and before.session_key != after.session_key:
        changes.append((KEY_REGENERATED, ""))
    return changes


def describe(before: State, after: State) -> list[str]:
    """List in words what differs between two states of one session."""
    return [in_words(kind, key) for kind, key in diff(before, after)]


def in_words(kind: str, key: str) -> str:
    """Say one change in words: "added 'colour'", "session key regenerated"."""
    return f"{kind} {key!r}" if key else WORDS[kind]
