"""
/beyond/custom-engine/: the user_db engine fills its user column, the lab
offers it, "Sign out everywhere" ends every session of the user, the list
shows them without keys, and a cached_db variant needs its own prefix. Both
the button and the list are for a demo user of one's own: never learner's,
never a classmate's sessions.
"""

from datetime import timedelta

import pytest
from asgiref.sync import async_to_sync
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore
from django.contrib.sessions.backends.db import SessionStore as DBStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sessions_demo.lab.engines import engine_path
from sessions_demo.user_sessions import cached_db as user_cached_db
from sessions_demo.user_sessions import db as user_db
from sessions_demo.user_sessions.models import UserSession
from tests.helpers import (
    change_lab,
    outcome,
    own_demo_user,
    panel_json,
    parse,
    set_item,
    use_engine,
)

pytestmark = pytest.mark.django_db

CACHED_VARIANT = "sessions_demo.user_sessions.cached_db"


def log_in(client, username="learner", password="sessions"):
    """Log in through the login lesson's form."""
    data = {"try_it": "log_in", "username": username, "password": password}
    return client.post(reverse("login"), {**data, "remember": "on"})


def log_in_as_own_user(*clients) -> str:
    """Make a demo user in the first client; log every client in as it."""
    name = own_demo_user(clients[0])
    for client in clients:
        log_in(client, name)
    return name


def logged_in(client) -> bool:
    """Tell whether the login page greets this client as a user."""
    page = parse(client.get(reverse("login")))
    return "You are logged in" in page.select_one(".login-status").get_text()


def sign_out_everywhere(client):
    return client.post(reverse("custom_engine"))


def learner():
    return get_user_model().objects.get(username="learner")


def row_of(client) -> UserSession:
    return UserSession.objects.get(pk=client.session.session_key)


@pytest.fixture
def on_user_db(settings):
    use_engine(settings, "user_db")


class TestTheUserColumn:
    def test_login_fills_it(self, client, on_user_db):
        """The row of a logged-in session names its user."""
        log_in(client)
        assert row_of(client).user == learner()
        assert not Session.objects.exists()  # its own table, not django_session

    def test_a_visitors_session_has_none(self, client, on_user_db):
        """An anonymous session's row has a NULL user."""
        set_item(client)
        assert row_of(client).user_id is None

    def test_logout_deletes_the_row(self, client, on_user_db):
        """logout() flushes: the row goes."""
        log_in(client)
        key = client.session.session_key
        client.post(reverse("login"), {"try_it": "log_out"})
        assert not UserSession.objects.filter(pk=key).exists()

    def test_created_stays_as_later_saves_rewrite_the_row(self, client, on_user_db):
        """create_model_instance() builds a new row each save; created is kept."""
        log_in(client)
        row = row_of(client)
        UserSession.objects.filter(pk=row.pk).update(created=row.created - timedelta(1))
        set_item(client)
        assert row_of(client).created == row.created - timedelta(1)

    def test_a_user_that_is_gone_still_saves(self):
        """No database constraint: a session naming an unknown user id saves."""
        store = user_db.SessionStore()
        store[SESSION_KEY] = "999"
        store.save()
        assert UserSession.objects.get(pk=store.session_key).user_id == 999

    def test_deleting_the_user_deletes_their_sessions(self, client, on_user_db):
        """on_delete=CASCADE, done by the ORM: the user's rows go with them."""
        log_in(client)
        learner().delete()
        assert not UserSession.objects.exists()

    def test_async_saves_fill_it_too(self):
        """asave() builds its row with acreate_model_instance(), overridden too."""
        store = user_db.SessionStore()
        store[SESSION_KEY] = str(learner().pk)
        async_to_sync(store.asave)()
        assert UserSession.objects.get(pk=store.session_key).user == learner()

    def test_the_docs_example_alone_misses_async_saves(self):
        """Overriding only create_model_instance(), asave() stores no user."""

        class DocsExample(DBStore):
            @classmethod
            def get_model_class(cls):
                return UserSession

            def create_model_instance(self, data):
                row = super().create_model_instance(data)
                row.user_id = user_db.user_id_of(data)
                return row

        store = DocsExample()
        store[SESSION_KEY] = str(learner().pk)
        async_to_sync(store.asave)()
        assert UserSession.objects.get(pk=store.session_key).user_id is None
        store.save()
        assert UserSession.objects.get(pk=store.session_key).user == learner()


class TestInTheLab:
    def test_offered_as_a_sixth_engine(self, client):
        """The lab switches a visitor to user_db; the panel shows its table."""
        set_item(client)
        change_lab(client, engine="user_db", carry="on")
        snapshot = panel_json(client)
        assert snapshot["engine"] == "user_db"
        assert snapshot["storage"]["table"] == "user_sessions_usersession"
        assert dict(snapshot["storage"]["extra_columns"])["user_id"] is None
        assert snapshot["data"] == {"username": "JohnDoe"}

    def test_switching_a_logged_in_session_stores_its_user(self, client):
        """Logged in on db, carried over to user_db: the new row names the user."""
        log_in(client)
        change_lab(client, engine="user_db", carry="on")
        assert UserSession.objects.get().user == learner()
        assert logged_in(client) is True

    def test_an_unknown_engine_name_is_refused(self, client):
        """Only the six short names pass; a module path is never imported."""
        response = change_lab(client, engine=CACHED_VARIANT)
        assert response.status_code == 400
        assert "Unknown engine" in parse(response).get_text()


class TestSignOutEverywhere:
    def test_every_browser_of_the_user_is_signed_out(self, on_user_db):
        """Both browsers of one's own user lose their session, this one's cookie too."""
        mine, second = Client(), Client()
        name = log_in_as_own_user(mine, second)
        response = sign_out_everywhere(mine)
        assert response.status_code == 302
        assert response.cookies["sessionid"].value == ""  # this browser: deleted
        assert f"deleted 2 session(s) of {name}" in outcome(mine.get(response.url))
        assert logged_in(second) is False
        assert not UserSession.objects.filter(user__username=name).exists()

    def test_a_browser_on_another_engine_stays_logged_in(self, on_user_db):
        """Only user_db sessions have a row to delete: one on db keeps its login."""
        mine, on_db = Client(), Client()
        change_lab(on_db, engine="db")
        name = log_in_as_own_user(mine, on_db)
        assert f"deleted 1 session(s) of {name}" in outcome(
            mine.get(sign_out_everywhere(mine).url)
        )
        assert logged_in(on_db) is True

    def test_never_reaches_a_classmate(self, on_user_db):
        """A's sign-out leaves B's sessions, on learner or on B's own user."""
        mine, on_learner, on_own = Client(), Client(), Client()
        log_in_as_own_user(mine)
        log_in(on_learner)
        theirs = log_in_as_own_user(on_own)
        kept = {on_learner.session.session_key, on_own.session.session_key}
        sign_out_everywhere(mine)
        assert logged_in(on_learner) is True
        assert logged_in(on_own) is True
        assert set(UserSession.objects.values_list("pk", flat=True)) == kept
        assert row_of(on_own).user.get_username() == theirs

    def test_refused_for_learner(self, on_user_db):
        """learner is everybody's: a 400 that says why and offers the button."""
        mine, classmate = Client(), Client()
        log_in(mine)
        log_in(classmate)
        response = sign_out_everywhere(mine)
        assert response.status_code == 400
        assert "sessionid" not in response.cookies
        said = outcome(response)
        assert "Refused for learner: everybody on this server may log in" in said
        assert "signing out everywhere would log your classmates out too" in said
        form = parse(response).select_one("form.own-demo-user")
        assert form["action"].startswith(reverse("login"))
        assert form.select_one("input[name=try_it]")["value"] == "make_own_user"
        assert logged_in(mine) is True
        assert logged_in(classmate) is True
        assert UserSession.objects.filter(user=learner()).count() == 2

    def test_refused_on_another_engine(self, client):
        """On db the sessions have no user column: 400, nothing deleted."""
        log_in_as_own_user(client)
        response = sign_out_everywhere(client)
        assert response.status_code == 400
        assert "not on user_db" in outcome(response)
        assert logged_in(client) is True

    def test_refused_for_a_visitor(self, client, on_user_db):
        """Not logged in: 400, the session left alone."""
        set_item(client)
        response = sign_out_everywhere(client)
        assert response.status_code == 400
        assert "Log in first" in outcome(response)
        assert client.session["username"] == "JohnDoe"

    def test_a_cached_variant_is_signed_out_too(self, settings):
        """Deleting through the engine drops the cached copies as well."""
        settings.SESSION_ENGINE = CACHED_VARIANT
        mine, second = Client(), Client()
        log_in_as_own_user(mine, second)
        sign_out_everywhere(mine)
        assert logged_in(second) is False


class TestTheList:
    def test_shows_this_browser_and_the_others_without_keys(self, on_user_db):
        """Created, expiry, which one is this browser; no session key in the page."""
        mine, second = Client(), Client()
        log_in_as_own_user(mine, second)
        response = mine.get(reverse("custom_engine"))
        rows = parse(response).select(".active-sessions tbody tr")
        assert [row.select("td")[2].get_text() for row in rows] == [
            "this browser",
            "another browser",
        ]
        assert all(row.select_one("time[datetime]") for row in rows)
        assert second.session.session_key.encode() not in response.content

    def test_expired_sessions_are_not_listed(self, on_user_db):
        """A row past its expire_date is not an active session."""
        mine, second = Client(), Client()
        log_in_as_own_user(mine, second)
        UserSession.objects.filter(pk=second.session.session_key).update(
            expire_date=timezone.now() - timedelta(seconds=1)
        )
        rows = parse(mine.get(reverse("custom_engine"))).select(
            ".active-sessions tbody tr"
        )
        assert len(rows) == 1

    def test_never_lists_a_classmates_sessions(self, on_user_db):
        """Only one's own user's rows: not learner's, not another demo user's."""
        mine, on_learner, on_own = Client(), Client(), Client()
        log_in_as_own_user(mine)
        log_in(on_learner)
        log_in_as_own_user(on_own)
        rows = parse(mine.get(reverse("custom_engine"))).select(
            ".active-sessions tbody tr"
        )
        assert [row.select("td")[2].get_text() for row in rows] == ["this browser"]

    def test_learners_sessions_are_not_listed(self, on_user_db):
        """Logged in as learner: no list, why not, and the button instead."""
        mine, classmate = Client(), Client()
        log_in(mine)
        log_in(classmate)
        page = parse(mine.get(reverse("custom_engine")))
        assert not page.select(".active-sessions")
        said = page.select_one(".shared-user").get_text(" ", strip=True)
        assert "its sessions are your classmates’ too, so they are not listed" in said
        assert "Make a demo user of your own" in said
        assert page.select_one("#try-it form.own-demo-user button")

    def test_a_visitor_is_asked_to_make_and_log_in(self, client, on_user_db):
        """Without a user there is nothing to list: the page says what to do."""
        page = parse(client.get(reverse("custom_engine")))
        assert not page.select(".active-sessions")
        said = page.select_one(".explanation").get_text(" ", strip=True)
        assert "Make a demo user of your own" in said
        assert "log in as it with your session on user_db" in said


class TestCachedVariantPrefix:
    def test_with_djangos_prefix_it_reads_djangos_cache_entries(self):
        """A variant with cached_db's prefix and cached_db load each other's."""

        class SamePrefix(user_cached_db.SessionStore):
            cache_key_prefix = CachedDBStore.cache_key_prefix

        theirs = CachedDBStore()
        theirs["username"] = "JohnDoe"
        theirs.create()
        assert SamePrefix(theirs.session_key).load() == {"username": "JohnDoe"}
        assert user_cached_db.SessionStore(theirs.session_key).load() == {}
        # And the other way round: the variant's cached session, in Django's.
        ours = SamePrefix()
        ours["username"] = "FromTheVariant"
        ours.create()
        assert CachedDBStore(ours.session_key).load() == {"username": "FromTheVariant"}

    def test_deleting_rows_leaves_the_cached_copies(self):
        """A queryset delete misses the cache; the store's delete() does not."""
        store = user_cached_db.SessionStore()
        store[SESSION_KEY] = str(learner().pk)
        store.create()
        key = store.session_key
        UserSession.objects.filter(user=learner()).delete()
        assert user_cached_db.SessionStore(key).load()[SESSION_KEY] == str(learner().pk)
        user_cached_db.SessionStore().delete(key)
        assert user_cached_db.SessionStore(key).load() == {}


class TestClearSessions:
    def test_only_the_configured_engine_is_cleaned(self, settings):
        """clearsessions cleans SESSION_ENGINE's store: user_db's rows need it named."""
        store = user_db.SessionStore()
        store["username"] = "JohnDoe"
        store.set_expiry(timezone.now() - timedelta(minutes=1))
        store.save()
        settings.SESSION_ENGINE = engine_path("db")
        call_command("clearsessions")
        assert UserSession.objects.filter(pk=store.session_key).exists()
        settings.SESSION_ENGINE = engine_path("user_db")
        call_command("clearsessions")
        assert not UserSession.objects.filter(pk=store.session_key).exists()
