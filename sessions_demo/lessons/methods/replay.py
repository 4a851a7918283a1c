"""
Replaying an old cookie: what the visitor's engine gives for a key now.

flush() and cycle_key() both end a key's life on the server. These helpers
show it the way an attacker holding the old cookie would meet it: a fresh
store, built just as the middleware builds one, loading the old key.
"""

from django.contrib.sessions.backends.base import SessionBase


def load_key(session: SessionBase, key: str | None) -> dict[str, object]:
    """Load what the visitor's engine holds under key, as a replayed cookie would."""
    # A fresh store of the same engine, just as the middleware would build one
    # for a request that came in carrying the old cookie.
    return type(session)(session_key=key).load() if key else {}


def short(key: str | None) -> str:
    """Abbreviate a session key for display: its start and its end."""
    # A signed cookie ends with its timestamp and signature, where it changes.
    return repr(key) if not key or len(key) <= 16 else repr(f"{key[:6]}…{key[-6:]}")
