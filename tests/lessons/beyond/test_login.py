"""
/beyond/login/: login() renews the key and stores Django's three keys,
logout() flushes, a wrong password changes nothing, a planted key does not
survive a login, and a new password hash logs the other sessions out; on
every engine. The password change is for a demo user of one's own, never for
everybody's learner; demo users are bounded per address and live a day.
"""

from datetime import datetime, timedelta
from unittest.mock import patch

import pytest
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
)
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.test import Client
from django.urls import include, path, reverse
from django.utils import timezone

from sessions_demo.lessons.beyond import demo_users
from sessions_demo.lessons.beyond.login import PLANTED_KEY
from sessions_demo.lessons.methods.replay import load_key
from sessions_demo.user_sessions.models import UserSession
from tests.helpers import (
    DEMO_USER_NAME,
    SERVER_SIDE,
    new_session,
    outcome,
    own_demo_user,
    panel_json,
    parse,
    reopen,
    set_item,
    travel,
    use_engine,
)
from tests.helpers import log_in as log_in_request

pytestmark = pytest.mark.django_db

# Django's own auth views, for the test of its password-change view.
urlpatterns = [path("accounts/", include("django.contrib.auth.urls"))]

LEARNER = {"username": "learner", "password": "sessions"}
AUTH_KEYS = [BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY]


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


def user(username: str):
    return get_user_model().objects.get(username=username)


def logged_in_as(client, username: str) -> bool:
    """Tell whether the page greets this client as username."""
    return f"You are logged in as {username}." in status(client)


def made_long_ago(username: str, hours: float) -> None:
    """Pretend a demo user was made hours ago."""
    get_user_model().objects.filter(username=username).update(
        date_joined=timezone.now() - timedelta(hours=hours)
    )


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
        opens = load_key(client.session, old_key)
        assert SESSION_KEY not in opens
        if engine == "signed_cookies":  # the key is the data from before the login
            assert opens == {"username": "JohnDoe"}
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

    def test_login_cycles_only_a_session_without_a_user(self, rf, engine):
        """No user: cycle_key(). Same user, same hash: neither. Old hash: flush()."""
        user = learner()
        first = log_in_request(rf, reopen(new_session()), user).session
        calls = []
        with (
            patch.object(type(first), "cycle_key", autospec=True) as cycle,
            patch.object(type(first), "flush", autospec=True) as flush,
        ):
            log_in_request(rf, reopen(new_session()), user)
            calls.append((cycle.call_count, flush.call_count))
            log_in_request(rf, reopen(first), user)
            calls.append((cycle.call_count, flush.call_count))
            user.set_password("sessions")  # a new salt: the session's hash is old
            user.save()
            log_in_request(rf, reopen(first), user)
            calls.append((cycle.call_count, flush.call_count))
        assert calls == [(1, 0), (1, 0), (1, 1)]

    def test_an_outdated_hash_is_flushed_at_login(self, rf, engine):
        """Logging in over a session whose hash is old: the data before it is gone."""
        user = learner()
        first = log_in_request(rf, reopen(new_session()), user).session
        assert first["username"] == "JohnDoe"
        user.set_password("sessions")
        user.save()
        again = log_in_request(rf, reopen(first), user).session
        assert "username" not in again
        assert again[HASH_SESSION_KEY] == user.get_session_auth_hash()

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


class TestTheHashCheck:
    def test_a_hash_made_with_a_fallback_key_is_renewed(self, client, settings, engine):
        """A hash made with a SECRET_KEY_FALLBACKS key: logged in, a new hash."""
        old_secret = "an-old-secret-" + "x" * 40
        settings.SECRET_KEY_FALLBACKS = [old_secret]
        log_in(client)
        session = client.session
        session[HASH_SESSION_KEY] = learner()._get_session_auth_hash(secret=old_secret)
        session.save()
        client.cookies["sessionid"] = session.session_key
        assert logged_in_as(client, "learner") is True
        assert client.session[HASH_SESSION_KEY] == learner().get_session_auth_hash()
        if engine in SERVER_SIDE:  # cycle_key(): the session moved to a new key
            assert client.session.session_key != session.session_key

    def test_only_a_page_that_reads_request_user_checks(self, client, engine):
        """An outdated hash stays through pages that never read request.user."""
        name = own_demo_user(client)
        log_in(client, username=name)
        demo = user(name)
        demo.set_password("sessions")  # a new salt: this session's hash is old
        demo.save()
        client.get(reverse("keys"), {"run": "1"})  # a lesson that reads no user
        assert SESSION_KEY in panel_json(client)["data"]
        assert "You are not logged in" in status(client)  # this page reads it
        assert panel_json(client)["data"] == {}

    def test_a_hash_of_no_key_of_ours_is_flushed(self, client, engine):
        """A hash that no current or fallback key makes: flushed, anonymous."""
        log_in(client)
        session = client.session
        session[HASH_SESSION_KEY] = "0" * 64
        session.save()
        client.cookies["sessionid"] = session.session_key
        assert "You are not logged in" in status(client)
        assert dict(client.session.items()) == {}


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

    def test_a_fixed_expiry_ends_the_login_but_on_signed_cookies(self, engine):
        """After the moment the store has no login; a signed cookie's copy has."""
        session = new_session({SESSION_KEY: "1"}, expiry=timedelta(hours=8))
        with travel(9 * 3600):
            late = reopen(session).load()
        assert (SESSION_KEY in late) is (engine == "signed_cookies")

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

    @pytest.mark.parametrize("change", ["set_password", "is_active", "delete"])
    def test_a_change_to_the_user_ends_the_copy(self, client, settings, change):
        """signed_cookies: a new password, is_active off or deletion ends the copy."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
        name = own_demo_user(client)
        copy = log_in(client, username=name).cookies["sessionid"].value
        press(client, "log_out")
        thief = Client()
        thief.cookies["sessionid"] = copy
        assert logged_in_as(thief, name) is True
        gone = user(name)
        if change == "set_password":
            gone.set_password("sessions")
            gone.save()
        elif change == "is_active":
            gone.is_active = False
            gone.save()
        else:
            gone.delete()
        assert "You are not logged in" in status(thief)


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
        name = own_demo_user(mine)
        log_in(mine, username=name)
        log_in(other, username=name)
        old_key = mine.session.session_key
        response = press(mine, "change_password", keep_this_session="on")
        assert response.status_code == 302
        assert "this session got the new hash" in outcome(mine.get(response.url))
        assert logged_in_as(mine, name) is True
        assert mine.session[HASH_SESSION_KEY] == user(name).get_session_auth_hash()
        if engine != "signed_cookies":  # there every save is a new "key"
            assert mine.session.session_key != old_key
        assert "You are not logged in" in status(other)
        assert dict(other.session.items()) == {}

    def test_without_it_this_session_is_out_too(self, client, engine):
        """Without update_session_auth_hash() the next page logs you out."""
        log_in(client, username=own_demo_user(client))
        press(client, "change_password")
        assert "You are not logged in" in status(client)

    def test_djangos_password_change_view_keeps_its_session(self, settings, engine):
        """PasswordChangeView calls update_session_auth_hash(): new key, still in."""
        settings.ROOT_URLCONF = __name__  # Django's auth views, as a site has them
        changer = get_user_model().objects.create_user("changer", password="old")
        client = Client()
        client.force_login(changer)
        before = client.session.session_key
        response = client.post(
            reverse("password_change"),
            {"old_password": "old", "new_password1": "new", "new_password2": "new"},
        )
        assert response.status_code == 302
        changer.refresh_from_db()
        assert client.session[HASH_SESSION_KEY] == changer.get_session_auth_hash()
        assert client.session.session_key != before

    def test_the_password_stays_sessions(self, client):
        """Only the hash changes: the own demo user still logs in with sessions."""
        name = own_demo_user(client)
        log_in(client, username=name)
        old_hash = user(name).password
        press(client, "change_password", keep_this_session="on")
        assert user(name).password != old_hash
        assert user(name).check_password("sessions") is True

    def test_never_reaches_a_classmate(self, engine):
        """A's new password logs out no session of B, on learner or B's own user."""
        mine, on_learner, on_own = Client(), Client(), Client()
        log_in(mine, username=own_demo_user(mine))
        log_in(on_learner)
        set_item(on_learner, "cart", "[1, 2]")
        theirs = own_demo_user(on_own)
        log_in(on_own, username=theirs)
        before = dict(on_own.session.items())
        press(mine, "change_password")
        assert logged_in_as(on_learner, "learner") is True
        assert on_learner.session["cart"] == [1, 2]
        assert logged_in_as(on_own, theirs) is True
        assert dict(on_own.session.items()) == before

    def test_refused_for_learner(self, engine):
        """learner is everybody's: a 400 that says why and offers the button."""
        mine, classmate = Client(), Client()
        log_in(mine)
        log_in(classmate)
        old_hash = learner().password
        response = press(mine, "change_password", keep_this_session="on")
        assert response.status_code == 400
        assert "sessionid" not in response.cookies
        said = outcome(response)
        assert "Refused for learner: everybody on this server may log in" in said
        assert "would log your classmates out too" in said
        assert "Make me my own demo user" in said
        button = parse(response).select_one(
            "form.own-demo-user:has(input[value=make_own_user]) button"
        )
        assert button.get_text() == "Make me my own demo user"
        assert learner().password == old_hash
        assert logged_in_as(mine, "learner") is True
        assert logged_in_as(classmate, "learner") is True

    def test_refused_for_a_visitor(self, client):
        """Not logged in: a 400 with a message, nothing changed."""
        response = press(client, "change_password", keep_this_session="on")
        assert response.status_code == 400
        assert "Log in first" in outcome(response)


class TestOwnDemoUser:
    def test_makes_a_user_whose_password_is_sessions(self, client):
        """learner- and six random characters, password sessions; shown once."""
        response = press(client, "make_own_user")
        assert response.status_code == 302
        shown = outcome(client.get(response.url))
        name = DEMO_USER_NAME.search(shown)[0]
        assert f"create_user('{name}', password='sessions')" in shown
        assert f"log in as {name} / sessions" in shown
        ends = user(name).date_joined + timedelta(days=1)
        assert f"yours until {ends:%Y-%m-%d %H:%M %Z}; then the next demo user" in shown
        assert user(name).check_password("sessions") is True
        assert "You are not logged in" in status(client)

    def test_never_goes_into_the_session(self, client, engine):
        """The name is in the Result only: the session and its cookie untouched."""
        key = set_item(client).cookies["sessionid"].value
        response = press(client, "make_own_user")
        assert "sessionid" not in response.cookies
        assert client.session.session_key == key
        assert dict(client.session.items()) == {"username": "JohnDoe"}
        page = client.get(response.url)
        name = DEMO_USER_NAME.search(outcome(page))[0]
        assert name not in str(panel_json(client))
        assert "nothing changed" in [
            li.get_text() for li in parse(page).select(".changes li")
        ]

    def test_each_learner_gets_another(self):
        """Two learners, two users: names are random, never shared."""
        assert own_demo_user(Client()) != own_demo_user(Client())

    def test_logs_in_from_any_browser(self, engine):
        """Made in one browser, the name logs in in another: one user, two browsers."""
        name = own_demo_user(Client())
        elsewhere = Client()
        assert log_in(elsewhere, username=name).status_code == 302
        assert logged_in_as(elsewhere, name) is True

    def test_the_page_states_its_bounds(self, client, settings):
        """The button says how many an hour, and that each lives a day, then goes."""
        settings.DEMO_USERS_PER_HOUR = 7
        form = parse(client.get(reverse("login"))).select_one("form.own-demo-user")
        said = " ".join(form.get_text().split())
        assert "each address makes at most 7 demo users an hour" in said
        assert "each lives a day: after that, the next demo user made" in said
        assert "(or manage.py cleardemousers) deletes it, with its user_db" in said


@pytest.fixture
def half_past(monkeypatch) -> datetime:
    """Stop the clock the count reads at half past an hour, for the test."""
    moment = timezone.now().replace(minute=30, second=0, microsecond=0)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


@pytest.mark.usefixtures("half_past")
class TestDemoUserBounds:
    def test_one_address_makes_at_most_so_many_an_hour(self, client, settings):
        """Past DEMO_USERS_PER_HOUR: a 429 saying why and when; no user made."""
        settings.DEMO_USERS_PER_HOUR = 2
        own_demo_user(client)
        own_demo_user(client)
        made = get_user_model().objects.count()
        response = press(client, "make_own_user")
        assert response.status_code == 429
        assert response["Retry-After"] == str(30 * 60)
        said = outcome(response)
        assert "your address made 2 demo users this hour, the most it may" in said
        assert "make another in 30 min" in said
        assert get_user_model().objects.count() == made

    def test_another_address_counts_alone(self, client, settings):
        """One address at its limit leaves another address free."""
        settings.DEMO_USERS_PER_HOUR = 1
        own_demo_user(client)
        assert press(client, "make_own_user").status_code == 429
        elsewhere = Client(REMOTE_ADDR="192.0.2.7")
        assert DEMO_USER_NAME.fullmatch(own_demo_user(elsewhere))

    def test_behind_the_proxy_each_learner_counts_alone(self, settings):
        """With DJANGO_HTTPS, the address is the last X-Forwarded-For entry."""
        settings.DEMO_USERS_PER_HOUR = 1
        settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
        proxy = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_PROTO": "https"}
        first = Client(HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy)
        second = Client(HTTP_X_FORWARDED_FOR="198.51.100.2", **proxy)
        # What the browser claims comes first; the proxy appends what it saw.
        liar = Client(HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.1", **proxy)
        own_demo_user(first, secure=True)
        own_demo_user(second, secure=True)
        refused = liar.post(reverse("login"), {"try_it": "make_own_user"}, secure=True)
        assert refused.status_code == 429

    def test_a_full_cache_refuses_rather_than_miscounts(
        self, client, full_default_cache
    ):
        """A count the full session cache cannot keep: a 429, no user made."""
        response = press(client, "make_own_user")
        assert response.status_code == 429
        assert "so demo users cannot be counted" in outcome(response)
        assert list(get_user_model().objects.values_list("username", flat=True)) == [
            "learner"
        ]
        assert full_default_cache.get("someone-elses-session") == "kept"

    def test_the_next_hour_counts_again(self, client, settings, monkeypatch):
        """The count is per clock hour: in the next one the address may again."""
        settings.DEMO_USERS_PER_HOUR = 1
        own_demo_user(client)
        assert press(client, "make_own_user").status_code == 429
        next_hour = timezone.now() + timedelta(minutes=30)
        monkeypatch.setattr(timezone, "now", lambda: next_hour)
        assert DEMO_USER_NAME.fullmatch(own_demo_user(client))


class TestDemoUsersLiveADay:
    def test_making_one_deletes_those_over_a_day_old(self, settings):
        """A new demo user deletes older ones, with their user_db sessions."""
        use_engine(settings, "user_db")
        old, young = Client(), Client()
        old_name = own_demo_user(old)
        log_in(old, username=old_name)
        young_name = own_demo_user(young)
        log_in(young, username=young_name)
        made_long_ago(old_name, hours=25)
        made_long_ago(young_name, hours=23)
        own_demo_user(Client())
        assert not get_user_model().objects.filter(username=old_name).exists()
        assert (
            not UserSession.objects.filter(user_id__isnull=False)
            .exclude(user__username=young_name)
            .exists()
        )
        assert "You are not logged in" in status(old)
        assert logged_in_as(young, young_name) is True
        assert learner().check_password("sessions") is True  # never a demo user

    def test_it_stays_until_the_next_one_is_made(self):
        """Over a day old it still logs in; the next demo user made deletes it."""
        name = own_demo_user(Client())
        made_long_ago(name, hours=25)
        assert log_in(Client(), username=name).status_code == 302
        own_demo_user(Client())
        assert not get_user_model().objects.filter(username=name).exists()

    def test_the_cached_variant_loses_its_copies_too(self, settings):
        """Deleted through the engine: a cached copy logs nobody in afterwards."""
        settings.SESSION_ENGINE = "sessions_demo.user_sessions.cached_db"
        old = Client()
        name = own_demo_user(old)
        log_in(old, username=name)
        made_long_ago(name, hours=25)
        assert demo_users.delete_expired() == 1
        assert "You are not logged in" in status(old)

    def test_a_session_on_another_engine_logs_nobody_in(self, engine):
        """The gone user's id stays in the data, but no new user ever gets it."""
        old = Client()
        name = own_demo_user(old)
        log_in(old, username=name)
        gone = user(name).pk
        made_long_ago(name, hours=25)
        newest = own_demo_user(Client())  # deletes the old one first
        assert user(newest).pk > gone
        assert "You are not logged in" in status(old)

    def test_cleardemousers_does_it_too(self, capsys):
        """manage.py cleardemousers deletes those over a day old, like clearsessions."""
        name = own_demo_user(Client())
        kept = own_demo_user(Client())
        made_long_ago(name, hours=25)
        call_command("cleardemousers")
        assert "Deleted 1 demo user(s)" in capsys.readouterr().out
        names = set(get_user_model().objects.values_list("username", flat=True))
        assert names == {"learner", kept}

    def test_only_demo_users_are_deleted(self):
        """Users not made by the button stay, however old."""
        get_user_model().objects.create(
            username="teacher",
            password=make_password("secret"),
            date_joined=timezone.now() - timedelta(days=30),
        )
        learner_joined = timezone.now() - timedelta(days=30)
        get_user_model().objects.filter(username="learner").update(
            date_joined=learner_joined
        )
        assert demo_users.delete_expired() == 0
        assert get_user_model().objects.count() == 2


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
