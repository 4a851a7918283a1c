"""
The abuse suite: the site attacked the way a stranger would, over HTTP through
the test client. Every case asserts four things: no 5xx; a clear 4xx where the
input is refused; nothing lost, for the visitor or anyone else; and an answer
that comes at all: each request must finish within HANG_SECONDS, a limit a
hundred times what it needs, so a case that burns minutes of CPU fails
instead of holding up the suite. Speed itself is never measured.
"""

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.test import Client

HANG_SECONDS = 20


@contextmanager
def answers(seconds: int = HANG_SECONDS) -> Iterator[None]:
    """Fail the block if it has not finished after seconds: it hangs."""
    if threading.current_thread() is not threading.main_thread():
        # Only the main thread gets signals; it waits for this one in answers().
        yield
        return

    def hung(signum, frame):
        raise AssertionError(f"no answer after {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


class Stranger(Client):
    """A browser of its own; every request must answer, and never with a 5xx."""

    def __init__(self, **kwargs):
        # Server errors come back as responses, as a real browser sees them.
        super().__init__(raise_request_exception=False, **kwargs)

    def request(self, **request):
        with answers():
            response = super().request(**request)
        assert response.status_code < 500, (
            f"{request.get('REQUEST_METHOD')} {request.get('PATH_INFO')}: "
            f"{response.status_code}"
        )
        return response


@pytest.fixture
def visitor() -> Stranger:
    """A visitor attacking the site."""
    return Stranger()


@pytest.fixture
def other() -> Stranger:
    """Another visitor, who must lose nothing to the first."""
    return Stranger()
