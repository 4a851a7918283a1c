"""
The lesson page runs a try-it on the visitor's session as a plain view would:
nothing loads the session before the try-it, and after a POST the page still
says what changed. The try-its that store what a visitor types state the
bounds the code enforces.
"""

from unittest import mock

import pytest
from django.core.cache import caches
from django.urls import reverse

from sessions_demo.course.outline import lessons
from sessions_demo.lab.limits import MAX_SESSION_BYTES, MAX_SESSION_KEYS, per_minute
from sessions_demo.lessons.forms import MAX_VALUE_BYTES, MAX_VALUE_DEPTH
from sessions_demo.pages import views
from sessions_demo.panel import exchange
from tests.helpers import outcome, parse, run_reading, set_item, text, travel

pytestmark = pytest.mark.django_db

COOKIE_AGE = 60 * 60 * 24 * 14


@pytest.fixture
def touched_before():
    """Record, for each try-it run, whether the session was touched before it."""
    seen = []

    def run(view, request):
        seen.append(request.session.accessed)
        return real(view, request)

    real = views.run_try_it
    with mock.patch.object(views, "run_try_it", side_effect=run):
        yield seen


class TestTryItsMeetAnUntouchedSession:
    def test_a_get_try_it_is_the_first_to_touch_the_session(
        self, client, engine, touched_before
    ):
        """A reading try-it finds the session not yet loaded by the page."""
        set_item(client, "username", "JohnDoe")
        run_reading(client, "keys")
        assert touched_before[-1] is False

    def test_a_post_try_it_is_the_first_to_touch_the_session(
        self, client, engine, touched_before
    ):
        """A POST try-it finds the session not yet loaded by the page."""
        set_item(client, "username", "JohnDoe")
        set_item(client, "theme", "dark")
        assert touched_before == [False, False]

    def test_a_post_still_says_what_changed(self, client, engine):
        """What changed is read from the store before and the session after."""
        set_item(client, "username", "JohnDoe")
        response = set_item(client, "username", "JaneDoe")
        assert "changed 'username'" in outcome(client.get(response.url))

    def test_a_stale_cookie_counts_as_no_session_before(self, client, engine):
        """With a cookie the store forgot, the state before is an empty session."""
        client.get(set_item(client, "username", "JohnDoe").url)  # its messages shown
        with travel(COOKIE_AGE + 60):
            response = set_item(client, "theme", "dark")
        text = outcome(client.get(response.url))
        assert "added 'theme'" in text
        assert "username" not in text

    def test_a_try_it_that_never_reads_leaves_the_store_alone(self, client, settings):
        """cached_db: after evicting, the page does not load (and so refill) it."""
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
        key = set_item(client, "username", "JohnDoe").cookies["sessionid"].value
        response = client.post(reverse("engine_cached_db"))
        assert caches["default"].get("django.contrib.sessions.cached_db" + key) is None
        assert "nothing changed" in outcome(client.get(response.url))


# Pages that say who is logged in: they read request.user, which loads the session.
SHOW_THE_USER = ("beyond/login/", "beyond/custom-engine/")


class TestAPlainVisitTouchesNothing:
    @pytest.mark.parametrize(
        "path",
        [lesson.path for lesson in lessons() if lesson.path not in SHOW_THE_USER],
    )
    def test_the_page_alone_never_reads_the_session(self, client, path):
        """Viewing a lesson neither loads the session nor marks it read."""
        set_item(client, "colour", "green")
        response = client.get("/" + path)
        assert response.status_code == 200
        newest = exchange.recent(response.wsgi_request)[0]
        assert (newest.path, newest.accessed, newest.store_calls) == (
            "/" + path,
            False,
            (),
        )


class TestStatedBounds:
    @pytest.mark.parametrize("url_name", ["setitem", "update", "engine_file"])
    def test_the_try_its_state_the_bounds_they_enforce(self, client, url_name):
        """Value, session and new-session bounds, as the code has them, and whose."""
        bounds = text(parse(client.get(reverse(url_name))).select_one(".bounds"))
        assert f"at most {MAX_VALUE_BYTES} bytes as JSON" in bounds
        assert f"at most {MAX_VALUE_DEPTH} levels deep" in bounds
        assert (
            f"at most {MAX_SESSION_KEYS} keys and {MAX_SESSION_BYTES} bytes" in bounds
        )
        assert f"at most {per_minute()} new sessions a minute in each server" in bounds
        assert "signed_cookies start none on the server" in bounds


class TestResultBox:
    def test_lab_notices_leave_the_result_box_out(self, client):
        """After an engine switch, the lab's notices show in the header, no Result."""
        client.get(set_item(client).url)  # shows, and so clears, its Result
        back = reverse("setitem")
        response = client.post(
            reverse("lab"), {"engine": "cache", "carry": "on", "next": back}
        )
        page = parse(client.get(response.url))
        assert page.select_one(".lab-notice")
        assert page.select_one(".outcome") is None

    def test_a_try_it_fills_it(self, client):
        """After a try-it, the Result box holds its outcome and what changed."""
        page = parse(client.get(set_item(client).url))
        assert "request.session['username'] = 'JohnDoe'" in text(
            page.select_one(".outcome")
        )
