"""
The lab's state for one request, attached as `request.lab`.

Like django-htmx's `request.htmx`, the lab's middleware hangs one typed object
on the request instead of loose attributes: the profile in force, why the lab
cookie was refused, whether the visitor's store failed, whether the view only
looks at the session, and what was decided about the session cookie.
"""

from dataclasses import dataclass

from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest

from .profile import Profile, project_profile
from .session_cookie import CookieDecision


@dataclass
class LabState:
    profile: Profile  # in force now: the lab's own view may switch it
    arrived_with: Profile  # the request's own: its cookie name is the one read
    problem: str | None = None  # why the lab cookie was ignored, for the visitor
    problem_told: bool = False  # the visitor was told, so the cookie can go
    failure: Exception | None = None  # the visitor's store could not be used
    stand_in: SessionBase | None = None  # the empty session given instead
    observer: bool = False  # the view only looks (the live panel)
    cookie: CookieDecision | None = None  # what the response did with the cookie
    interrupted: bool = False  # the save found the session gone: SessionInterrupted


def profile_of(request: HttpRequest) -> Profile:
    """Return the session profile in force for this request."""
    lab = getattr(request, "lab", None)
    return lab.profile if lab is not None else project_profile()
