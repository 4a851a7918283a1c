"""
The HTTP exchange record: per visitor, bounded, escaped, never in the session.
"""

import secrets
from unittest.mock import patch

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from sessions_demo.panel import exchange
from tests.helpers import parse, set_item

pytestmark = pytest.mark.django_db


def entries(client) -> list[exchange.Exchange]:
    """Return what the record holds for this client, newest first."""
    request = type(
        "Request", (), {"COOKIES": {k: m.value for k, m in client.cookies.items()}}
    )
    return exchange.recent(request)


def shown(client):
    """Return the exchange box of the page the client gets next."""
    return parse(client.get(reverse("index"))).select_one("#http-exchange")


class TestRecord:
    def test_records_method_path_and_headers(self, client):
        """A request is recorded with its method, path, Cookie and Set-Cookie."""
        client.get(reverse("index"))
        set_item(client)
        newest = entries(client)[0]
        assert (newest.method, newest.path, newest.status) == (
            "POST",
            reverse("setitem"),
            302,
        )
        assert exchange.VISITOR_COOKIE in newest.sent_cookie_names
        session_cookie = newest.session_set_cookie
        assert session_cookie.value == client.session.session_key
        assert session_cookie.header.startswith(f"sessionid={session_cookie.value};")
        assert session_cookie.attributes["httponly"] is True
        assert session_cookie.attributes["max-age"] == "1209600"
        assert newest.no_session_cookie_because == ""

    def test_says_why_no_session_cookie_was_sent(self, client):
        """A response without a session cookie says the session was not modified."""
        set_item(client)
        client.get(reverse("index"))
        newest = entries(client)[0]
        assert newest.session_set_cookie is None
        assert newest.no_session_cookie_because == "the session was not modified"
        box = shown(client)
        assert "no sessionid cookie sent: the session was not modified" in box.get_text(
            " ", strip=True
        )

    def test_shows_final_headers_including_other_middleware(self, client):
        """The record sees cookies set by later middleware (messages, session)."""
        set_item(client)
        names = {c.name for c in entries(client)[0].set_cookies}
        assert {"sessionid", "messages"} <= names

    def test_cookie_deletion_is_recorded(self, client):
        """flush() answers with a Set-Cookie that deletes the session cookie."""
        set_item(client)
        client.get(reverse("delete_session"))
        deletion = entries(client)[0].session_set_cookie
        assert deletion.deletes is True
        assert deletion.attributes["max-age"] == "0"

    def test_shown_next_to_the_panel(self, client):
        """Every page shows the record below the panel, newest first."""
        set_item(client)
        box = shown(client)
        first = box.select_one(".exchange-request").get_text(" ", strip=True)
        assert first == f"POST {reverse('setitem')} → 302"
        highlighted = box.select_one(".session-cookie").get_text()
        assert highlighted.startswith(f"sessionid={client.session.session_key};")
        assert box.find_previous_sibling(id="session-panel")


class TestPerVisitor:
    def test_two_visitors_never_see_each_other(self):
        """Each visitor's record holds only its own requests."""
        alice, bob = Client(), Client()
        set_item(alice, "who", "alice")
        bob.get(reverse("get"), {"key": "who"})
        alice_paths = [e.path for e in entries(alice)]
        bob_paths = [e.path for e in entries(bob)]
        assert alice_paths == [reverse("setitem")]
        assert bob_paths == [reverse("get") + "?key=who"]
        assert alice.cookies[exchange.VISITOR_COOKIE].value != (
            bob.cookies[exchange.VISITOR_COOKIE].value
        )
        alice_key = alice.session.session_key
        assert alice_key not in str(shown(bob))

    def test_visitor_cookie_is_httponly_and_random(self, client):
        """The visitor id travels in its own HttpOnly cookie, set once."""
        response = client.get(reverse("index"))
        cookie = response.cookies[exchange.VISITOR_COOKIE]
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"
        assert len(cookie.value) == exchange.VISITOR_ID_LENGTH
        again = client.get(reverse("index"))
        assert exchange.VISITOR_COOKIE not in again.cookies

    def test_forged_visitor_id_is_replaced(self, client):
        """A malformed visitor id is ignored and a fresh one is issued."""
        client.cookies[exchange.VISITOR_COOKIE] = "../../etc<script>"
        response = client.get(reverse("index"))
        fresh = response.cookies[exchange.VISITOR_COOKIE].value
        assert fresh != "../../etc<script>"
        assert len(fresh) == exchange.VISITOR_ID_LENGTH


class TestBounded:
    def test_keeps_only_the_last_few(self, client):
        """Only the last MAX_EXCHANGES requests are kept, newest first."""
        for number in range(exchange.MAX_EXCHANGES + 3):
            client.get(reverse("get"), {"key": f"k{number}"})
        paths = [e.path for e in entries(client)]
        assert len(paths) == exchange.MAX_EXCHANGES
        assert paths[0].endswith(f"k{exchange.MAX_EXCHANGES + 2}")

    def test_long_headers_are_cut_in_the_middle(self, client):
        """A huge Cookie header is cut to MAX_HEADER_CHARS, keeping both ends."""
        client.cookies["big"] = "a" * 3000 + "END"
        client.get(reverse("index"))
        client.get(reverse("index"))
        cookie = entries(client)[0].cookie
        assert len(cookie) == exchange.MAX_HEADER_CHARS
        assert exchange.ELISION in cookie
        assert cookie.startswith("big=aaa")
        assert "END" in cookie

    def test_cut_cookie_keeps_its_true_size(self, client, settings):
        """A big signed-cookie session is cut in the record, but its size is kept."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
        set_item(client, "big", secrets.token_hex(900))  # incompressible
        sent = client.cookies["sessionid"].value
        recorded = entries(client)[0].session_set_cookie
        assert len(sent) > exchange.MAX_HEADER_CHARS
        assert recorded.size == len(sent)
        assert len(recorded.value) == exchange.MAX_HEADER_CHARS

    def test_set_cookie_attributes_survive_cutting(self):
        """Cutting keeps the end of a Set-Cookie header, where the attributes are."""
        header = "sessionid=" + "x" * 5000 + "; HttpOnly; Max-Age=3600; Path=/"
        cut = exchange.shorten(header)
        assert len(cut) == exchange.MAX_HEADER_CHARS
        assert cut.endswith("; HttpOnly; Max-Age=3600; Path=/")


class TestEscaped:
    def test_cookie_value_with_markup_shows_as_text(self, client):
        """A cookie holding markup is shown as text, never as HTML."""
        client.cookies["evil"] = "<script>alert(1)</script>"
        client.get(reverse("index"))
        response = client.get(reverse("index"))
        assert b"<script>alert(1)</script>" not in response.content
        box = parse(response).select_one("#http-exchange")
        assert "<script>alert(1)</script>" in box.get_text()
        assert not box.select("script")


class TestNeverInTheSession:
    def test_record_is_not_written_into_the_session(self, client, engine):
        """Recording adds nothing to the session and never saves it."""
        set_item(client)
        before = dict(client.session.items())
        response = client.get(reverse("index"))
        assert "sessionid" not in response.cookies
        assert dict(client.session.items()) == before
        assert entries(client)

    def test_reading_only_creates_no_session(self, client):
        """A visitor who only reads gets a record, but no session."""
        response = client.get(reverse("index"))
        assert "sessionid" not in response.cookies
        assert "sessionid" not in client.cookies


class TestNotRecorded:
    def test_panel_polls_are_not_recorded(self, client):
        """/panel/ is the panel observing, not the visitor acting: not recorded."""
        set_item(client)
        response = client.get(reverse("panel"))
        client.get(reverse("panel"))
        assert [e.path for e in entries(client)] == [reverse("setitem")]
        assert exchange.VISITOR_COOKIE not in response.cookies

    def test_json_endpoints_set_no_visitor_cookie(self, client):
        """A first visit to a JSON endpoint is not recorded and gets no visitor id."""
        response = client.get(reverse("panel"))
        assert exchange.VISITOR_COOKIE not in response.cookies

    def test_static_files_are_not_recorded(self, client, settings):
        """Requests for static files are not recorded."""
        set_item(client)
        client.get(settings.STATIC_URL + "css/site.css")
        assert [e.path for e in entries(client)] == [reverse("setitem")]


class TestSchemaChange:
    def test_record_of_an_older_shape_is_dropped_not_a_500(self, client):
        """A record written by an older version is discarded; pages still render."""
        client.get(reverse("index"))
        visitor = client.cookies[exchange.VISITOR_COOKIE].value
        caches["exchange"].set(exchange.CACHE_KEY_PREFIX + visitor, [{"method": "GET"}])
        response = client.get(reverse("index"))
        assert response.status_code == 200
        assert entries(client)[0].path == reverse("index")


class TestCacheDown:
    def test_a_failing_cache_never_breaks_the_page(self, client):
        """The record is best effort: with its cache down, pages still answer."""
        down = ConnectionError("the cache server is down")
        with (
            patch.object(type(caches["exchange"]), "get", side_effect=down),
            patch.object(type(caches["exchange"]), "set", side_effect=down),
        ):
            response = client.post(reverse("setitem"), {"key": "k", "value": "v"})
            assert response.status_code == 302
            assert client.get(reverse("setitem")).status_code == 200


class TestWhatTheSessionDid:
    def test_a_write_records_its_store_calls_and_decision(self, client, engine):
        """A try-it that stores: its save, the decision and flags, the redirect."""
        set_item(client, "colour", "green")
        newest = entries(client)[0]
        assert newest.engine == engine
        assert newest.store_written is True
        assert (newest.cookie_action, newest.modified) == ("set", True)
        assert newest.location == reverse("setitem")

    def test_a_read_records_a_load_and_no_write(self, client, engine):
        """A request that reads: one load, no save, the decision to leave it alone."""
        set_item(client)
        client.get(reverse("get"), {"run": "1", "key": "username"})
        newest = entries(client)[0]
        assert newest.store_calls == ("load",)
        assert (newest.store_read, newest.store_written) == (True, False)
        assert (newest.cookie_action, newest.accessed) == ("none", True)

    def test_a_try_it_keeps_its_outcome_and_changes(self, client):
        """The try-it's result and what it changed travel with its request's entry."""
        set_item(client, "colour", "green")
        newest = entries(client)[0]
        assert newest.outcome == "request.session['colour'] = 'green'"
        assert newest.changes == (("added", "colour"),)

    def test_other_cookies_are_folded_in_the_box(self, client):
        """The box shows the session cookie; the others are folded, by name."""
        set_item(client)
        client.get(reverse("get"))
        box = shown(client)
        folded = box.select_one(".exchange-entry details.other-cookies")
        names = folded.summary.get_text()
        assert exchange.VISITOR_COOKIE in names
        assert "sessionid" not in names
        assert (
            box.select_one(".exchange-entry .session-cookie")
            .get_text()
            .startswith("sessionid=")
        )
