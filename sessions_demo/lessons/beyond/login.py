"""
Logging in and out: what django.contrib.auth keeps in the session.

`login()` changes the session key first (a key anyone knew before the login
never opens the login: no session fixation), then stores three keys of its
own: `_auth_user_id`, `_auth_user_backend` and `_auth_user_hash`, a hash of
the password's hash. `logout()` flushes the session. Each request that reads
`request.user` checks that hash again, so changing the password logs every
other session of the user out; `update_session_auth_hash()` keeps this one.
Everybody may log in as `learner`, so the password change is only for a demo
user of one's own (demo_users.py), made by the last try-it here.
"""

from django.contrib import auth
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest
from django.views.decorators.http import require_POST

from ..forms import LoginForm, PasswordChangeForm
from ..methods.replay import load_key, short
from ..tryit import Outcome, form_input
from . import demo_users

# The demo user, made by the migration sessions_demo/migrations/0001_learner.py.
DEMO_USERNAME = "learner"
# Its password, and the password of every demo user of one's own.
DEMO_PASSWORD = demo_users.PASSWORD
# What the pretend attacker leaves in the session whose key they know.
PLANTED_KEY = "planted_by"


@require_POST
@form_input(LoginForm)
def log_in(request: HttpRequest, user: AbstractBaseUser, remember: bool) -> Outcome:
    """Log the user in, then load the key the browser came with."""
    old_key = request.session.session_key
    auth.login(request, user)  # cycle_key(), then the three _auth_user_ keys
    request.session.set_expiry(None if remember else 0)
    return Outcome(
        f"login(request, {user.get_username()!r}): key {short(old_key)} → "
        f"{short(request.session.session_key)}\n"
        f"set_expiry({None if remember else 0})\n"
        f"the old key now loads {load_key(request.session, old_key)!r}"
    )


@require_POST
def log_out(request: HttpRequest) -> Outcome:
    """Log out: logout() flushes the whole session."""
    old_key = request.session.session_key
    who = request.user.get_username() or "an anonymous visitor"
    auth.logout(request)
    return Outcome(
        f"logout(request) for {who}: key {short(old_key)} → "
        f"{short(request.session.session_key)}\n"
        f"the old key now loads {load_key(request.session, old_key)!r}"
    )


@require_POST
def plant_key(request: HttpRequest) -> Outcome:
    """Start a session whose key an attacker knows, as if they had planted it."""
    request.session.flush()  # whatever you had: gone, logged in or not
    request.session[PLANTED_KEY] = "an attacker"
    request.session.save()  # the key exists now; the attacker writes it down
    return Outcome(
        f"the attacker knows your key: {short(request.session.session_key)}\n"
        "log in now, and see what that key is worth afterwards"
    )


@require_POST
@demo_users.own_user_only(doing="a new password hash")
@form_input(PasswordChangeForm)
def change_password(request: HttpRequest, keep_this_session: bool) -> Outcome:
    """Set the password again: a new hash, which every other session fails."""
    user = request.user
    user.set_password(DEMO_PASSWORD)  # the same password, a new salt, a new hash
    user.save()
    this_session = "kept the old hash: your next page logs you out"
    if keep_this_session:
        auth.update_session_auth_hash(request, user)  # new hash, new key
        this_session = (
            "got the new hash (and a new key) from update_session_auth_hash()"
        )
    return Outcome(
        f"{user.get_username()}.set_password(…); save(): every session holding "
        "the old _auth_user_hash is logged out when it next reads request.user\n"
        f"this session {this_session}"
    )


@require_POST
@demo_users.limited_per_address
def make_own_user(request: HttpRequest) -> Outcome:
    """Make a demo user for this learner alone; none of it goes into the session."""
    demo_users.delete_expired()  # those made over a day ago, with their sessions
    username = demo_users.new_username()
    user = get_user_model().objects.create_user(username, password=DEMO_PASSWORD)
    return Outcome(
        f"create_user({username!r}, password={DEMO_PASSWORD!r})\n"
        f"yours alone: log in as {username} / {DEMO_PASSWORD}, in any browser\n"
        f"yours until {demo_users.ends(user):%Y-%m-%d %H:%M %Z}; then the next demo "
        "user made deletes it, with its user_db sessions"
    )
