"""
panel/round_trip.py: the round trip drawn on every lesson page, step by step,
from what the HTTP exchange record says the request did.
"""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from sessions_demo.panel import exchange
from sessions_demo.panel.round_trip import example, round_trip_of, trip
from tests.helpers import parse, set_item, text

pytestmark = pytest.mark.django_db


def record_of(client) -> list[exchange.Exchange]:
    request = RequestFactory().get("/")
    request.COOKIES = {k: m.value for k, m in client.cookies.items()}
    return exchange.recent(request)


def taken(round_trip) -> dict[str, bool]:
    return {step.name: step.taken for step in round_trip.steps}


def drawn(response) -> dict[str, str]:
    """Return each step the page draws, "taken" or "skipped", by name."""
    figure = parse(response).select_one(".try-it .round-trip")
    return {li["data-step"]: li["data-taken"] for li in figure.select("li")}


class TestSteps:
    def test_first_write_sends_no_cookie_saves_and_sets_one(self, client, engine):
        """A first write: no cookie in, no read, the view changes, save, Set-Cookie."""
        set_item(client)
        steps = taken(trip(record_of(client)[0]))
        assert steps == {
            "cookie": False,
            "view": True,
            "read": False,
            "write": True,
            "set-cookie": True,
        }

    def test_a_read_brings_the_cookie_and_loads_only(self, client, engine):
        """A read: the cookie comes, the store is read, nothing written or set."""
        set_item(client)
        client.get(reverse("get"), {"run": "1", "key": "username"})
        steps = taken(trip(record_of(client)[0]))
        assert steps == {
            "cookie": True,
            "view": True,
            "read": True,
            "write": False,
            "set-cookie": False,
        }

    def test_flush_deletes_and_says_so(self, client):
        """flush(): the store's delete, and a Set-Cookie that drops the cookie."""
        set_item(client)
        client.post(reverse("flush"))
        round_trip = trip(record_of(client)[0])
        write, set_cookie = round_trip.steps[3], round_trip.steps[4]
        assert write.taken is True
        assert "delete()" in write.label
        assert set_cookie.label == 'Set-Cookie: sessionid=""; Max-Age=0'

    def test_why_a_step_was_skipped_is_djangos_own_reason(self, client):
        """A skipped write and Set-Cookie say why, in the middleware's words."""
        set_item(client)
        client.get(reverse("get"), {"run": "1", "key": "username"})
        round_trip = trip(record_of(client)[0])
        assert round_trip.steps[4].note == "the session was not modified"


class TestWhichRequest:
    def test_after_a_redirect_the_post_is_drawn(self, client):
        """The page a try-it redirected to draws the POST, not its own GET."""
        set_item(client)
        response = client.get(reverse("setitem"))
        caption = text(parse(response).select_one(".try-it .round-trip figcaption"))
        assert caption.startswith("The request your button sent")
        assert f"POST {reverse('setitem')} → 302" in caption
        assert drawn(response)["write"] == "true"

    def test_plain_navigation_draws_this_pages_own_request(self, client):
        """Moving on draws this page's own GET, as it was finally answered."""
        set_item(client)
        client.get(reverse("setitem"))
        response = client.get(reverse("keys"))
        caption = text(parse(response).select_one(".try-it .round-trip figcaption"))
        assert caption.startswith("This page’s own request")
        assert drawn(response) == {
            "cookie": "true",
            "view": "false",
            "read": "false",
            "write": "false",
            "set-cookie": "false",
        }

    def test_a_get_try_it_draws_its_own_run(self, client):
        """A reading try-it draws the request that ran it: the session was read."""
        set_item(client)
        response = client.get(reverse("keys"), {"run": "1"})
        assert drawn(response)["read"] == "true"

    def test_without_current_request_the_newest_record_is_drawn(self, client):
        """Outside a request's own rendering, the newest recorded request is drawn."""
        set_item(client)
        assert round_trip_of(record_of(client), None).request.startswith("POST")


class TestPicture:
    def test_every_lesson_page_draws_the_round_trip(self, client):
        """Every lesson page has the diagram: five steps across three lanes."""
        from sessions_demo import course

        for lesson in course.lessons():
            figure = parse(client.get(reverse(lesson.url_name))).select_one(
                ".round-trip"
            )
            assert figure is not None, lesson.path
            assert len(figure.select("li.trip-step")) == 5, lesson.path

    def test_how_sessions_work_draws_a_first_and_a_later_visit(self, client):
        """The first lesson draws the two trips every session makes; no ASCII art."""
        page = parse(client.get(reverse("how_sessions_work")))
        examples = page.select(".explanation .trip-examples .round-trip")
        assert len(examples) == 2
        assert not page.select(".explanation .source pre:-soup-contains('<-----')")
        assert taken(example(first_visit=True))["set-cookie"] is True
        assert taken(example(first_visit=False))["set-cookie"] is False
