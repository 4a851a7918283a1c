"""
lab/session_cookie.py: Django's decision about the session cookie, in words.

The lab's middleware acts on it (tests/lab/test_fidelity.py compares the
result with Django's own middleware); here each branch is pinned on its own.
"""

from importlib import import_module

import pytest
from django.conf import settings

from sessions_demo.lab.session_cookie import Action, cookie_lifetime, decide

pytestmark = pytest.mark.django_db


def store(key=None):
    return import_module(settings.SESSION_ENGINE).SessionStore(key)


def saved(engine: str) -> str:
    """Save a session holding one value; return its key."""
    session = store()
    session["colour"] = "green"
    session.save()
    return session.session_key


def decision(session, *, sent=True, every=False, status=200):
    return decide(session, cookie_sent=sent, save_every_request=every, status=status)


class TestDecide:
    def test_untouched_session_is_left_alone(self, engine):
        """Nothing read, nothing changed: no cookie, no Vary."""
        result = decision(store(saved(engine)))
        assert result.action is Action.NONE
        assert result.why == "the session was not modified"
        assert result.vary is False

    def test_a_read_varies_but_sets_nothing(self, engine):
        """Reading marks the session accessed: Vary: Cookie, no Set-Cookie."""
        session = store(saved(engine))
        session.get("colour")
        result = decision(session)
        assert (result.action, result.vary) == (Action.NONE, True)

    def test_a_change_sets_the_cookie_with_the_expiry_age(self, engine):
        """A modified session is saved, and its cookie gets Max-Age and Expires."""
        session = store(saved(engine))
        session["colour"] = "blue"
        result = decision(session)
        assert result.action is Action.SET
        assert result.max_age == settings.SESSION_COOKIE_AGE
        assert result.expires
        assert result.vary is True

    def test_browser_close_sets_a_cookie_without_expiry(self, engine):
        """set_expiry(0): a cookie without Max-Age or Expires."""
        session = store(saved(engine))
        session.set_expiry(0)
        result = decision(session)
        assert (result.action, result.max_age, result.expires) == (
            Action.SET,
            None,
            None,
        )

    def test_an_emptied_session_deletes_the_cookie(self, engine):
        """flush() empties the session; the cookie the browser sent is deleted."""
        session = store(saved(engine))
        session.flush()
        result = decision(session, sent=True)
        assert (result.action, result.why) == (Action.DELETE, "the session is empty")

    def test_empty_and_no_cookie_sent_is_nothing_to_save(self, engine):
        """A new session emptied again: no cookie to delete, nothing to save."""
        session = store()
        session["colour"] = "green"
        del session["colour"]
        session.flush()
        result = decision(session, sent=False)
        assert result.action is Action.NONE
        assert result.why == "the session is empty, so there was nothing to save"

    def test_save_every_request_saves_an_unchanged_session(self, engine):
        """SESSION_SAVE_EVERY_REQUEST: saved, and named as the reason."""
        result = decision(store(saved(engine)), every=True)
        assert (result.action, result.why) == (
            Action.SET,
            "SESSION_SAVE_EVERY_REQUEST",
        )

    def test_a_server_error_saves_nothing(self, engine):
        """A 5xx response never saves the session, modified or not."""
        session = store(saved(engine))
        session["colour"] = "blue"
        result = decision(session, status=500)
        assert result.action is Action.NONE
        assert "server error" in result.why


def test_cookie_lifetime_follows_set_expiry(engine):
    """The Max-Age the middleware sends is get_expiry_age() at that moment."""
    session = store(saved(engine))
    session.set_expiry(300)
    max_age, expires = cookie_lifetime(session)
    assert max_age == 300
    assert expires.endswith("GMT")
