"""
/beyond/login/: login() renews the key and stores Django's three keys,
logout() flushes, a wrong password changes nothing, a planted key does not
survive a login, and a new password hash logs the other sessions out; on
every engine.
"""

from datetime import datetime, timedelta

import pytest
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
)
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sessions_demo.lessons.beyond.login import PLANTED_KEY
from sessions_demo.lessons.methods.replay import load_key
from tests.helpers import new_session, outcome, panel_json, parse, reopen, set_item

pytestmark = pytest.mark.django_db

LEARNER = {"username": "learner", "password": "sessions"}
AUTH_KEYS = [BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY]
SERVER_SIDE = ("db", "cache", "cached_db", "file", "user_db")


def log_in(client, remember=True, **fields):
    """Press the page's Log in, as learner unless fields say otherwise."""
    data = {"try_it": "log_in", **LEARNER, **fields}
    if remember:
        data["remember"] = "on"
    return client.post(reverse("login"), data)


def press(client, try_it: str, **fields):
    """Press one of the page's other buttons."""
    return client.post(reverse("login"), {"try_it": try_it, **fields})


def status(client) -> str:
    """Return the page's line saying who is logged in (it reads request.user)."""
    return parse(client.get(reverse("login"))).select_one(".login-status").get_text()


def learner():
    return get_user_model().objects.get(username="learner")


class TestLogIn:
    def test_renews_the_key_and_stores_djangos_three_keys(self, client, engine):
        """The key changes; _auth_user_id, _backend and _hash are stored."""
        old_key = set_item(client).cookies["sessionid"].value
        response = log_in(client)
        assert response.status_code == 302
        new_key = response.cookies["sessionid"].value
        assert new_key != old_key
        assert "Cookie" in response["Vary"]
        session = client.session
        assert session[SESSION_KEY] == str(learner().pk)
        assert (
            session[BACKEND_SESSION_KEY] == "django.contrib.auth.backends.ModelBackend"
        )
        assert session[HASH_SESSION_KEY] == learner().get_session_auth_hash()
        assert session["username"] == "JohnDoe"  # the anonymous data stays
        assert "You are logged in as learner" in status(client)

    def test_the_old_key_never_opens_the_login(self, client, engine):
        """After the login, the key from before it loads no _auth_user_id."""
        old_key = set_item(client).cookies["sessionid"].value
        response = log_in(client)
        assert SESSION_KEY not in load_key(client.session, old_key)
        shown = outcome(client.get(response.url))
        assert "login(request, 'learner'): key" in shown
        assert "the old key now loads" in shown

    @pytest.mark.parametrize("engine", SERVER_SIDE, indirect=True)
    def test_on_the_server_engines_the_old_key_opens_nothing(self, client, engine):
        """db, cache, cached_db, file, user_db: the old key loads {} after a login."""
        old_key = set_item(client).cookies["sessionid"].value
        log_in(client)
        assert load_key(client.session, old_key) == {}

    def test_panel_marks_the_auth_keys_as_djangos(self, client, engine):
        """The three keys show in the panel, marked as Django's own."""
        log_in(client)
        assert set(AUTH_KEYS) <= set(panel_json(client)["internal_keys"])
        rows = parse(client.get(reverse("login"))).select("#session-panel tr.internal")
        marked = {row["data-key"] for row in rows if "Django’s" in row.get_text()}
        assert set(AUTH_KEYS) <= marked

    def test_the_result_names_the_old_and_new_key(self, client):
        """The result and the list of changes say the key was regenerated."""
        set_item(client)
        page = client.get(log_in(client).url)
        changes = [li.get_text() for li in parse(page).select(".changes li")]
        assert "session key regenerated" in changes
        assert "added '_auth_user_id'" in changes
        assert "→" in outcome(page)

    @pytest.mark.parametrize("engine", SERVER_SIDE, indirect=True)
    def test_same_user_again_keeps_the_key(self, client, engine):
        """Logging in again as the same user, hash matching, keeps the key."""
        first = log_in(client).cookies["sessionid"].value
        log_in(client)
        assert client.session.session_key == first

    def test_another_user_starts_an_empty_session(self, client, engine):
        """A session holding another user is flushed, not only cycled."""
        get_user_model().objects.create_user("other", password="secret")
        log_in(client)
        set_item(client, "cart", "[1, 2]")
        log_in(client, username="other", password="secret")
        assert "cart" not in client.session
        assert client.session[SESSION_KEY] == str(
            get_user_model().objects.get(username="other").pk
        )


class TestWrongPassword:
    def test_shows_the_form_again_and_changes_nothing(self, client, engine):
        """A 400, the form with a message and the username; the session as it was."""
        key = set_item(client).cookies["sessionid"].value
        response = log_in(client, password="wrong")
        assert response.status_code == 400
        page = parse(response)
        assert "Wrong username or password" in page.select_one(".errorlist").get_text()
        assert page.select_one("input[name=username]")["value"] == "learner"
        assert not page.select_one("input[name=password]").get("value")
        assert "sessionid" not in response.cookies
        assert client.session.session_key == key
        assert dict(client.session.items()) == {"username": "JohnDoe"}

    @pytest.mark.parametrize(
        "fields",
        [{"username": "nobody"}, {"password": ""}, {"username": "x" * 200}],
        ids=["unknown-user", "empty-password", "too-long"],
    )
    def test_other_bad_input_is_refused_too(self, client, fields):
        """Unknown user, missing password, overlong name: 400, never a 5xx."""
        response = log_in(client, **fields)
        assert response.status_code == 400
        assert SESSION_KEY not in client.session


class TestRememberMe:
    def test_unticked_gives_a_browser_session_cookie(self, client, engine, settings):
        """set_expiry(0): no Max-Age on the cookie; the store keeps COOKIE_AGE."""
        response = log_in(client, remember=False)
        cookie = response.cookies["sessionid"]
        assert (cookie["max-age"], cookie["expires"]) == ("", "")
        assert client.session.get_expire_at_browser_close() is True
        ends = panel_json(client)["storage"]["expire_date"]
        left = (datetime.fromisoformat(ends) - timezone.now()).total_seconds()
        assert settings.SESSION_COOKIE_AGE - 60 < left <= settings.SESSION_COOKIE_AGE

    def test_ticked_keeps_the_cookie_age(self, client, engine, settings):
        """set_expiry(None): the cookie lasts SESSION_COOKIE_AGE."""
        log_in(client, remember=False)
        response = log_in(client, remember=True)
        assert response.cookies["sessionid"]["max-age"] == settings.SESSION_COOKIE_AGE
        assert client.session.get_expire_at_browser_close() is False


class TestCookieAgeAndLogin:
    @pytest.mark.parametrize("engine", ["db", "cached_db", "user_db"], indirect=True)
    def test_a_save_after_the_login_moves_the_end_back(self, client, engine, settings):
        """The end counts from the last save, not from the login."""
        log_in(client)
        model = client.session.get_model_class()
        key = client.session.session_key
        model.objects.filter(pk=key).update(
            expire_date=timezone.now() + timedelta(seconds=60)
        )
        set_item(client)
        left = (model.objects.get(pk=key).expire_date - timezone.now()).total_seconds()
        assert left > settings.SESSION_COOKIE_AGE - 60

    def test_a_fixed_expiry_is_not_moved_by_saves(self, engine):
        """set_expiry(timedelta) at login stores a moment later saves keep."""
        session = new_session(expiry=timedelta(hours=8))
        ends = reopen(session).get_expiry_date()
        later = reopen(session)
        later["username"] = "changed"
        later.save()
        assert reopen(later).get_expiry_date() == ends


class TestLogOut:
    def test_flushes_the_session_and_deletes_the_cookie(self, client, engine):
        """logout(): every key gone, the cookie deleted; stored, the old key too."""
        log_in(client)
        set_item(client)
        old_key = client.session.session_key
        response = press(client, "log_out")
        cookie = response.cookies["sessionid"]
        assert (cookie.value, cookie["max-age"]) == ("", 0)
        assert dict(client.session.items()) == {}
        if engine != "signed_cookies":  # a copied cookie stays valid: next test
            assert load_key(client.session, old_key) == {}
        assert "logout(request) for learner" in outcome(client.get(response.url))
        assert "You are not logged in" in status(client)

    def test_signed_cookies_copy_stays_logged_in(self, client, settings):
        """signed_cookies: a copy of the logged-in cookie outlives logout()."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
        copy = log_in(client).cookies["sessionid"].value
        press(client, "log_out")
        thief = Client()
        thief.cookies["sessionid"] = copy
        assert "You are logged in as learner" in status(thief)


class TestSessionFixation:
    def test_a_planted_key_does_not_survive_the_login(self, engine):
        """The attacker's key, planted in the victim's browser, opens no login."""
        attacker = Client()
        planted = press(attacker, "plant_key").cookies["sessionid"].value
        victim = Client()
        victim.cookies["sessionid"] = planted
        response = log_in(victim)
        assert response.cookies["sessionid"].value != planted
        assert victim.session[PLANTED_KEY] == "an attacker"  # data kept, key not
        assert "You are not logged in" in status(attacker)
        assert SESSION_KEY not in attacker.session

    def test_plant_starts_a_session_with_a_known_key(self, client, engine):
        """The attacker's button empties the session and names the new key."""
        log_in(client)
        response = press(client, "plant_key")
        assert dict(client.session.items()) == {PLANTED_KEY: "an attacker"}
        assert "the attacker knows your key" in outcome(client.get(response.url))


class TestPasswordChange:
    def test_a_new_hash_logs_the_other_sessions_out(self, engine):
        """update_session_auth_hash() keeps this session; the other is flushed."""
        mine, other = Client(), Client()
        log_in(mine)
        log_in(other)
        old_key = mine.session.session_key
        response = press(mine, "change_password", keep_this_session="on")
        assert "this session got the new hash" in outcome(mine.get(response.url))
        assert "You are logged in as learner" in status(mine)
        assert mine.session[HASH_SESSION_KEY] == learner().get_session_auth_hash()
        if engine != "signed_cookies":  # there every save is a new "key"
            assert mine.session.session_key != old_key
        assert "You are not logged in" in status(other)
        assert dict(other.session.items()) == {}

    def test_without_it_this_session_is_out_too(self, client, engine):
        """Without update_session_auth_hash() the next page logs you out."""
        log_in(client)
        press(client, "change_password")
        assert "You are not logged in" in status(client)

    def test_the_password_stays_sessions(self, client):
        """Only the hash changes: learner / sessions still logs in."""
        log_in(client)
        old_hash = learner().password
        press(client, "change_password", keep_this_session="on")
        assert learner().password != old_hash
        assert learner().check_password("sessions") is True

    def test_refused_for_a_visitor(self, client):
        """Not logged in: a 400 with a message, nothing changed."""
        response = press(client, "change_password", keep_this_session="on")
        assert response.status_code == 400
        assert "Log in first" in outcome(response)


class TestSetUp:
    def test_auth_middleware_comes_after_the_session_middleware(self, settings):
        """request.user is read from request.session: the order matters."""
        middleware = settings.MIDDLEWARE
        session = middleware.index("sessions_demo.lab.middleware.LabSessionMiddleware")
        auth = middleware.index(
            "django.contrib.auth.middleware.AuthenticationMiddleware"
        )
        assert session < auth
        assert "django.contrib.auth" in settings.INSTALLED_APPS

    def test_the_demo_user_comes_from_a_migration(self):
        """migrate creates learner, whose password is sessions."""
        assert learner().check_password("sessions") is True
