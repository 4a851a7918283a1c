"""
The guide's complete example (§5), running exactly as the guide writes it,
on every engine; what CSRF protection checks; and the guide's unescaped name.
"""

import inspect

import pytest
from django.contrib.sessions.models import Session
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from sessions_demo.lessons import example
from sessions_demo.lessons.methods.replay import load_key
from tests.helpers import SERVER_SIDE, parse, set_item, travel

pytestmark = pytest.mark.django_db

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")
UNSAFE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
# The stores that end an int expiry too (user_db, the course's engine, as db).
ENFORCED_EXPIRY = ("db", "cache", "cached_db", "user_db")
MARKUP = "<em>John</em>"
SCRIPT = "<script>alert(1)</script>"
# The guide's §5 view, as the guide prints it (in the house's quotes).
GUIDE_GET_SESSION = """\
def get_session_example(request):
    name = request.session.get("name", "Guest")
    return HttpResponse(f"Hello, {name}!")
"""


class TestGuideExample:
    def test_round_trip(self, client, engine):
        """set → "Hello, John Doe!" → delete → "Hello, Guest!"."""
        assert client.get(reverse("get_session")).content == b"Hello, Guest!"
        response = client.get(reverse("set_session"))
        assert response.content == b"Session data set!"
        assert client.get(reverse("get_session")).content == b"Hello, John Doe!"
        response = client.get(reverse("delete_session"))
        assert response.content == b"Session data deleted."
        assert response.cookies["sessionid"].value == ""
        assert client.get(reverse("get_session")).content == b"Hello, Guest!"

    def test_set_session_sends_a_300_second_cookie(self, client, engine):
        """set_expiry(300): the cookie ends 300 s after the save, on every engine."""
        response = client.get(reverse("set_session"))
        assert response.cookies["sessionid"]["max-age"] == 300
        assert client.session["_session_expiry"] == 300

    def test_db_row_ends_in_300_seconds(self, client):
        """db: the stored row's expire_date is 300 s after the save."""
        response = client.get(reverse("set_session"))
        row = Session.objects.get(session_key=response.cookies["sessionid"].value)
        remaining = (row.expire_date - timezone.now()).total_seconds()
        assert 295 < remaining <= 300

    def test_which_stores_end_it_after_300_seconds(self, client, engine):
        """db, caches and user_db end it at 300 s; file and signed_cookies do not."""
        client.get(reverse("set_session"))
        with travel(301):  # a browser would have dropped the cookie: this one sends it
            greeting = client.get(reverse("get_session")).content
        ended = engine in ENFORCED_EXPIRY
        assert greeting == (b"Hello, Guest!" if ended else b"Hello, John Doe!")

    @pytest.mark.parametrize("engine", SERVER_SIDE, indirect=True)
    def test_delete_makes_a_copied_key_worthless(self, client, engine):
        """Server-side engines: after flush() the copied key loads nothing."""
        client.get(reverse("set_session"))
        copied = client.session.session_key
        client.get(reverse("delete_session"))
        assert load_key(client.session, copied) == {}
        if engine in ("db", "cached_db", "user_db"):  # the row is gone too
            model = client.session.get_model_class()
            assert not model.objects.filter(session_key=copied).exists()

    def test_signed_cookies_a_copied_cookie_still_works(self, client, settings):
        """signed_cookies: after flush() a copied cookie still loads the session."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
        client.get(reverse("set_session"))
        copied = client.cookies["sessionid"].value
        assert client.get(reverse("delete_session")).cookies["sessionid"].value == ""
        client.cookies["sessionid"] = copied
        assert client.get(reverse("get_session")).content == b"Hello, John Doe!"

    def test_template_links(self, client):
        """/example/ renders the guide's template: three links to the guide's URLs."""
        page = parse(client.get(reverse("example")))
        links = page.select(".guide-template a")
        assert [(a.get_text(), a["href"]) for a in links] == [
            ("Set Session", "/set-session/"),
            ("Get Session", "/get-session/"),
            ("Delete Session", "/delete-session/"),
        ]
        assert "Django Session Example" in page.select_one(".guide-template h1").text


class TestCsrfChecksUnsafeMethodsOnly:
    @pytest.mark.parametrize("method", UNSAFE_METHODS)
    def test_unsafe_methods_without_a_token_are_refused(self, method):
        """POST, PUT, PATCH and DELETE without a CSRF token get 403; no flush."""
        client = Client(enforce_csrf_checks=True)
        client.get(reverse("set_session"))
        response = client.generic(method, reverse("delete_session"))
        assert response.status_code == 403
        assert client.get(reverse("get_session")).content == b"Hello, John Doe!"

    @pytest.mark.parametrize("method", SAFE_METHODS)
    def test_safe_methods_are_never_checked(self, method):
        """GET, HEAD, OPTIONS and TRACE pass CSRF unchecked: the view flushes."""
        client = Client(enforce_csrf_checks=True)
        client.get(reverse("set_session"))
        response = client.generic(method, reverse("delete_session"))
        assert response.status_code == 200
        assert client.get(reverse("get_session")).content == b"Hello, Guest!"


class TestUnescapedName:
    def test_the_guides_view_puts_markup_into_html(self, client):
        """/get-session/ answers text/html with the stored name unescaped."""
        set_item(client, "name", MARKUP)
        response = client.get(reverse("get_session"))
        assert response["Content-Type"].startswith("text/html")
        assert response.content.decode() == f"Hello, {MARKUP}!"

    def test_served_in_a_sandbox_that_runs_nothing(self, client):
        """/get-session/ carries a policy under which the browser runs no script."""
        set_item(client, "name", SCRIPT)
        response = client.get(reverse("get_session"))
        assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
        assert response.content.decode() == f"Hello, {SCRIPT}!"

    def test_the_guides_code_is_unchanged(self):
        """get_session_example() is the guide's code, as the guide prints it."""
        assert inspect.getsource(example.get_session_example) == GUIDE_GET_SESSION
        request = RequestFactory().get("/")
        request.session = {"name": SCRIPT}
        response = example.get_session_example(request)
        assert "Content-Security-Policy" not in response

    def test_page_says_why_and_shows_the_sandbox(self, client):
        """/example/ says why the live URL is sandboxed, and shows the wrapper."""
        page = parse(client.get(reverse("example")))
        explanation = page.select_one(".explanation").get_text(" ", strip=True)
        assert "runs nothing it shows" in explanation
        shown = [p.get_text() for p in page.select(".code-path code")]
        assert "sessions_demo.lessons.example.served_sandboxed" in shown
        assert "sessions_demo.lessons.example.get_session_escaped" in shown

    def test_the_corrected_view_escapes_it(self, client):
        """/get-session-escaped/ shows the same name as text: the markup escaped."""
        set_item(client, "name", MARKUP)
        response = client.get(reverse("get_session_escaped"))
        assert response.content.decode() == "Hello, &lt;em&gt;John&lt;/em&gt;!"
        client.get(reverse("delete_session"))
        assert client.get(reverse("get_session_escaped")).content == b"Hello, Guest!"
