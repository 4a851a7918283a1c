"""
Two visitors, or many: nothing one does may read, delete or evict another's
session. Through the file engine's clear_expired(), a full cache, a flood of
new sessions, requests of two visitors at the same moment, and the shared demo
user learner.
"""

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from sessions_demo.lab.limits import per_minute
from tests.abuse.conftest import Stranger, answers
from tests.helpers import change_lab, outcome, panel_json, parse, set_item

pytestmark = pytest.mark.django_db

A_YEAR_AND_A_DAY = 60 * 60 * 24 * 366
# Another server process, as another gunicorn worker: it counts the same
# address's new sessions from zero.
COUNT_IN_A_NEW_PROCESS = """
import sys
import django
django.setup()
from sessions_demo.lab import limits
limits.serve("127.0.0.1")
for _ in range(int(sys.argv[1])):
    limits.count_new_session()
print("counted", sys.argv[1])
"""


def session_file(visitor) -> str:
    """Return the path of the visitor's file-engine session."""
    return panel_json(visitor)["storage"]["path"]


def age(path: str, seconds: int) -> None:
    """Make a file look last written seconds ago."""
    then = time.time() - seconds
    os.utime(path, (then, then))


class TestClearExpiredOnFiles:
    @pytest.fixture
    def victim(self, other):
        """A visitor on the file engine, whose session was saved a minute ago."""
        change_lab(other, engine="file")
        set_item(other, "mine", "A")
        age(session_file(other), 60)
        return other

    @pytest.mark.parametrize(
        "lab",
        [
            {"engine": "file", "cookie_age": "1"},
            {"engine": "file", "cookie_age": "1", "cookie_name": "s"},
            {"engine": "file", "cookie_age": "1", "cookie_name": "sessionid"},
        ],
        ids=["short age", "short prefix", "same name"],
    )
    def test_another_visitors_clear_leaves_it(self, visitor, victim, lab):
        """B's clear_expired(), judged by B's cookie age and prefix, keeps A's file."""
        path = session_file(victim)
        change_lab(visitor, **lab)
        assert visitor.post(reverse("clear_expired")).status_code == 302
        assert os.path.exists(path)
        assert panel_json(victim)["data"] == {"mine": "A"}

    def test_a_file_expired_for_anyone_goes(self, visitor, victim):
        """A file older than the longest cookie age goes, as Django's would."""
        path = session_file(victim)
        age(path, A_YEAR_AND_A_DAY)
        change_lab(visitor, engine="file")
        visitor.post(reverse("clear_expired"))
        assert not os.path.exists(path)

    def test_a_file_younger_than_a_year_stays(self, visitor, victim):
        """Judged by the longest cookie age a visitor may choose: a year."""
        path = session_file(victim)
        age(path, A_YEAR_AND_A_DAY - 2 * 24 * 60 * 60)
        change_lab(visitor, engine="file")
        visitor.post(reverse("clear_expired"))
        assert os.path.exists(path)

    def test_the_lesson_still_clears_what_it_planted(self, visitor):
        """The planted session has a stored expiry: exists() goes True → False."""
        change_lab(visitor, engine="file", cookie_age="1")
        response = visitor.post(reverse("clear_expired"), follow=True)
        lines = parse(response).select_one(".outcome-line").get_text().split("\n")
        assert lines[0].endswith("exists() → True")
        assert lines[2] == "exists() → False"

    def test_on_db_only_expired_rows_go(self, visitor, other):
        """db: B's clear_expired() deletes expired rows only; A's live row stays."""
        set_item(other, "mine", "A")
        change_lab(visitor, cookie_age="1")
        assert visitor.post(reverse("clear_expired")).status_code == 302
        assert panel_json(other)["data"] == {"mine": "A"}


class TestEviction:
    def test_cookieless_requests_never_touch_the_session_cache(self, other):
        """400 visits without cookies fill the exchange's cache, not the sessions'."""
        change_lab(other, engine="cache")
        set_item(other, "mine", "A")
        for _ in range(400):
            Stranger().get(reverse("how_sessions_work"))
        assert panel_json(other)["data"] == {"mine": "A"}

    @pytest.mark.local_memory
    def test_the_session_cache_holds_sessions_only(self, other):
        """After 400 visits without cookies, the session cache holds one entry."""
        change_lab(other, engine="cache")
        set_item(other, "mine", "A")
        for _ in range(400):
            Stranger().get(reverse("how_sessions_work"))
        assert len(caches["default"]._cache) == 1

    @pytest.fixture
    def tiny_cache(self, settings):
        """Give the session cache room for three sessions."""
        settings.CACHES = {
            **settings.CACHES,
            "default": {
                "BACKEND": "sessions_demo.lab.caches.NoEvictionCache",
                "LOCATION": "tiny",
                "OPTIONS": {"MAX_ENTRIES": 3},
            },
        }

    def test_a_full_cache_refuses_rather_than_evicts(self, tiny_cache, other):
        """Past MAX_ENTRIES a new session gets a 429 saying so; none is evicted."""
        change_lab(other, engine="cache")
        set_item(other, "mine", "A")
        lab_cookie = other.cookies["sessions_lab"].value
        for number in range(2):
            newcomer = Stranger(REMOTE_ADDR=f"10.0.0.{number}")
            newcomer.cookies["sessions_lab"] = lab_cookie
            assert set_item(newcomer, "n", number).status_code == 302
        late = Stranger(REMOTE_ADDR="10.0.1.1")
        late.cookies["sessions_lab"] = lab_cookie
        response = late.post(reverse("setitem"), {"key": "n", "value": "3"})
        assert response.status_code == 429
        assert "holds its maximum of 3 sessions" in parse(response).text
        assert "sessionid" not in response.cookies
        assert panel_json(other)["data"] == {"mine": "A"}

    def test_a_full_cache_leaves_cached_db_to_its_rows(self, tiny_cache, other):
        """cached_db: past MAX_ENTRIES a new session is saved, as a row only."""
        change_lab(other, engine="cached_db")
        lab_cookie = other.cookies["sessions_lab"].value
        for number in range(3):
            newcomer = Stranger(REMOTE_ADDR=f"10.0.0.{number}")
            newcomer.cookies["sessions_lab"] = lab_cookie
            set_item(newcomer, "n", number)
        late = Stranger(REMOTE_ADDR="10.0.1.1")
        late.cookies["sessions_lab"] = lab_cookie
        assert set_item(late, "n", "3").status_code == 302
        assert panel_json(late)["data"] == {"n": 3}
        assert late.get(reverse("get"), {"run": "1", "key": "n"}).status_code == 200
        assert len(caches["default"]._cache) == 3  # nobody's copy evicted

    def test_expired_entries_make_room(self, tiny_cache, settings):
        """A full cache drops entries that have expired before refusing."""
        cache = caches["default"]
        for number in range(3):
            cache.set(f"gone{number}", number, timeout=0.01)
        time.sleep(0.05)
        cache.set("fresh", "room")
        assert cache.get("fresh") == "room"


class TestNewSessionsPerAddress:
    def test_one_too_many_gets_a_429(self, other):
        """An address past the limit gets a 429 with Retry-After; sessions stay."""
        set_item(other, "mine", "A")
        for _ in range(per_minute() - 1):
            assert Stranger().get(reverse("set_session")).status_code == 200
        response = Stranger().get(reverse("set_session"))
        assert response.status_code == 429
        assert 0 < int(response["Retry-After"]) <= 60
        assert f"the limit here is {per_minute()}" in parse(response).text
        assert "sessionid" not in response.cookies
        assert panel_json(other)["data"] == {"mine": "A"}

    def test_other_addresses_go_on(self):
        """The limit is per address: another address still starts sessions."""
        for _ in range(per_minute() + 1):
            Stranger().get(reverse("set_session"))
        elsewhere = Stranger(REMOTE_ADDR="192.0.2.7")
        assert elsewhere.get(reverse("set_session")).status_code == 200

    def test_a_forged_forwarded_for_changes_nothing(self):
        """X-Forwarded-For from the browser is ignored: the address still counts."""
        for number in range(per_minute()):
            Stranger(HTTP_X_FORWARDED_FOR=f"198.51.100.{number}").get(
                reverse("set_session")
            )
        late = Stranger(HTTP_X_FORWARDED_FOR="203.0.113.9")
        assert late.get(reverse("set_session")).status_code == 429

    def test_behind_the_proxy_its_last_address_counts(self, settings):
        """Behind the TLS proxy, the address it appended counts, not the others."""
        settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
        for number in range(per_minute()):
            Stranger(HTTP_X_FORWARDED_FOR=f"10.1.1.{number}, 192.0.2.1").get(
                reverse("set_session")
            )
        spoofer = Stranger(HTTP_X_FORWARDED_FOR="10.2.2.2, 192.0.2.1")
        assert spoofer.get(reverse("set_session")).status_code == 429
        neighbour = Stranger(HTTP_X_FORWARDED_FOR="192.0.2.2")
        assert neighbour.get(reverse("set_session")).status_code == 200

    def test_signed_cookies_start_none_on_the_server(self, visitor):
        """signed_cookies store nothing, so their new sessions are not counted."""
        change_lab(visitor, engine="signed_cookies")
        lab_cookie = visitor.cookies["sessions_lab"].value
        for _ in range(per_minute() + 5):
            stranger = Stranger()
            stranger.cookies["sessions_lab"] = lab_cookie
            assert set_item(stranger, "k", "v").status_code == 302

    def test_each_server_process_counts_its_own(self):
        """At its limit here, an address still starts sessions in another process."""
        for _ in range(per_minute()):
            Stranger().get(reverse("set_session"))
        assert Stranger().get(reverse("set_session")).status_code == 429
        counted = subprocess.run(
            [sys.executable, "-c", COUNT_IN_A_NEW_PROCESS, str(per_minute())],
            cwd=settings.BASE_DIR,
            env={"DJANGO_SETTINGS_MODULE": "config.settings", **os.environ},
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        assert counted.stdout.strip() == f"counted {per_minute()}"

    def test_files_per_minute_are_bounded(self, visitor):
        """100 cookie-less POSTs on the file engine leave at most the limit in files."""
        change_lab(visitor, engine="file")
        lab_cookie = visitor.cookies["sessions_lab"].value
        statuses = []
        for _ in range(100):
            stranger = Stranger()
            stranger.cookies["sessions_lab"] = lab_cookie
            statuses.append(set_item(stranger, "k", "v").status_code)
        assert set(statuses) == {302, 429}
        files = os.listdir(settings.SESSION_FILE_PATH)
        assert len(files) == per_minute()

    def test_refused_inside_a_view(self, visitor):
        """cycle_key() past the limit: a 429 page; the session keeps key and data."""
        set_item(visitor, "mine", "A")
        key = visitor.cookies["sessionid"].value
        for _ in range(per_minute() - 1):
            Stranger().get(reverse("set_session"))
        response = visitor.post(reverse("cycle_key"))
        assert response.status_code == 429
        assert visitor.cookies["sessionid"].value == key
        assert panel_json(visitor)["data"] == {"mine": "A"}

    def test_the_lab_switch_is_counted_too(self, visitor):
        """Moving to another engine starts a session there: refused past the limit."""
        set_item(visitor, "mine", "A")
        for _ in range(per_minute() - 1):
            Stranger().get(reverse("set_session"))
        response = change_lab(visitor, engine="file", carry="on")
        assert response.status_code == 429
        assert "sessions_lab" not in response.cookies
        assert panel_json(visitor)["engine"] == "db"
        assert panel_json(visitor)["data"] == {"mine": "A"}


class TestAtTheSameMoment:
    @pytest.mark.parametrize("engine", ["cache", "file", "signed_cookies"])
    def test_two_visitors_posting_at_once(self, engine):
        """Two visitors store at the same time, 20 times: each keeps only theirs."""
        visitors = {"alice": Stranger(), "bob": Stranger(REMOTE_ADDR="10.9.9.9")}
        for stranger in visitors.values():
            change_lab(stranger, engine=engine)

        def store(name: str) -> list[int]:
            return [
                set_item(visitors[name], f"{name}{n}", n).status_code for n in range(20)
            ]

        with answers(), ThreadPoolExecutor(max_workers=2) as pool:
            statuses = dict(zip(visitors, pool.map(store, visitors), strict=True))
        for name, stranger in visitors.items():
            assert set(statuses[name]) == {302}
            data = panel_json(stranger)["data"]
            assert data == {f"{name}{n}": n for n in range(20)}


class TestDemoUsers:
    def log_in(self, stranger, username="learner"):
        fields = {"username": username, "password": "sessions", "remember": "on"}
        return stranger.post(reverse("login"), {"try_it": "log_in", **fields})

    def test_a_flood_of_demo_users_is_bounded(self, visitor, settings, monkeypatch):
        """50 presses from one address make DEMO_USERS_PER_HOUR users, then 429s."""
        # One clock hour throughout: the count starts again with the next.
        moment = timezone.now().replace(minute=30)
        monkeypatch.setattr(timezone, "now", lambda: moment)
        presses = [
            visitor.post(reverse("login"), {"try_it": "make_own_user"})
            for _ in range(50)
        ]
        assert {response.status_code for response in presses} == {302, 429}
        made = get_user_model().objects.filter(username__startswith="learner-")
        assert made.count() == settings.DEMO_USERS_PER_HOUR
        assert "make another in" in outcome(presses[-1])
        elsewhere = Stranger(REMOTE_ADDR="192.0.2.7")
        pressed = elsewhere.post(reverse("login"), {"try_it": "make_own_user"})
        assert pressed.status_code == 302

    def test_learners_sessions_are_nobodys_to_end(self, visitor, other):
        """Logged in as learner, a stranger can end no classmate's learner session."""
        for stranger in (visitor, other):
            change_lab(stranger, engine="user_db")
            self.log_in(stranger)
        set_item(other, "mine", "A")
        password = visitor.post(reverse("login"), {"try_it": "change_password"})
        everywhere = visitor.post(reverse("custom_engine"))
        assert (password.status_code, everywhere.status_code) == (400, 400)
        page = parse(other.get(reverse("login")))
        assert "logged in as learner" in page.select_one(".login-status").text
        assert panel_json(other)["data"]["mine"] == "A"
