"""
Demo users of one's own: the only users "sign out everywhere" and a password
change act on.

Those two reach every session of a user. Everybody on a course server logs in
as the same `learner`, so for learner they would reach every classmate's
session; they are refused for any user but one's own. The button "Make me my
own demo user" makes one, `learner-` and six random characters, password
`sessions`: a name only its maker knows, to log in with in any browser.
Demo users are bounded like every resource: settings.DEMO_USERS_PER_HOUR per
client address (limits.address_of) in each clock hour, counted in the cache as
`one_at_a_time` counts, and each lives a day: making one deletes those older,
with their user_db sessions, and so does `manage.py cleardemousers`.
"""

import math
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from ...lab import limits
from ...lab.caches import CacheFull
from ...user_sessions import cached_db as user_cached_db
from ...user_sessions.models import UserSession
from ..tryit import Outcome, TryIt

PREFIX = "learner-"
PASSWORD = "sessions"
LIFETIME = timedelta(days=1)
# Six characters of 31 (no 0/o, 1/l/i): easy to type in a second browser,
# 887 million names to guess among.
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
NAME_LENGTH = 6
HOUR = 3600


def per_hour() -> int:
    """Return how many demo users one address may make in a clock hour."""
    return settings.DEMO_USERS_PER_HOUR


def is_own(user: AbstractBaseUser) -> bool:
    """Tell whether user is a demo user of one learner's own."""
    return user.is_authenticated and user.get_username().startswith(PREFIX)


def new_username() -> str:
    """Return a demo user's name that no user has yet."""
    User = get_user_model()
    while True:
        name = PREFIX + "".join(secrets.choice(ALPHABET) for _ in range(NAME_LENGTH))
        if not User.objects.filter(username=name).exists():
            return name


def ends(user: AbstractBaseUser) -> datetime:
    """Return when a demo user is deleted."""
    return user.date_joined + LIFETIME


def delete_expired() -> int:
    """Delete the demo users made over a day ago, with their user_db sessions."""
    User = get_user_model()
    old = User.objects.filter(
        username__startswith=PREFIX, date_joined__lt=timezone.now() - LIFETIME
    )
    # Through the engine, not a queryset: the cached variant's copies go too
    # (its delete() removes the row and the cache entry).
    store = user_cached_db.SessionStore()
    for key in UserSession.objects.filter(user__in=old).values_list("pk", flat=True):
        store.delete(key)
    _, deleted = old.delete()
    return deleted.get(User._meta.label, 0)


def own_user_only(doing: str) -> Callable[[TryIt], TryIt]:
    """Refuse a try-it that acts on every session of a user, but for one's own."""

    def decorator(view: TryIt) -> TryIt:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> Outcome | HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return Outcome(
                    "Log in first, as your own demo user: a visitor has no user.",
                    refused=True,
                )
            if not is_own(user):
                name = user.get_username()
                return Outcome(
                    f"Refused for {name}: everybody on this server may log in as "
                    f"{name}, so {doing} would log your classmates out too. Press "
                    "“Make me my own demo user”, log in as the name it gives you "
                    f"(password {PASSWORD}), and try again.",
                    refused=True,
                )
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def limited_per_address(view: TryIt) -> TryIt:
    """Refuse the try-it past per_hour() runs from one address in a clock hour."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> Outcome | HttpResponse:
        now = timezone.now().timestamp()
        hour = int(now // HOUR)
        left = (hour + 1) * HOUR - now  # until the count starts again
        cache = caches["default"]
        key = f"demo-users:{limits.address_of(request)}:{hour}"
        try:
            cache.add(key, 0, timeout=math.ceil(left) + 1)
            made = cache.incr(key)
        except ValueError:  # the entry went between add() and incr(): count anew
            cache.set(key, made := 1, timeout=math.ceil(left) + 1)
        except CacheFull as full:  # what cannot be counted is not allowed
            return Outcome(
                f"Refused: {full}, so demo users cannot be counted. Try again later.",
                refused=True,
                status=429,
                retry_after=math.ceil(left),
            )
        if made > per_hour():
            return Outcome(
                f"Refused: your address made {per_hour()} demo users this hour, "
                "the most it may, so that nobody fills the server's user table. "
                "Log in as one you made (each lasts a day), or make another in "
                f"{math.ceil(left / 60)} min.",
                refused=True,
                status=429,
                retry_after=math.ceil(left),
            )
        return view(request, *args, **kwargs)

    return wrapper
