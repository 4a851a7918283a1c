"""
Hosting a class: `make serve` with several gunicorn workers on PostgreSQL and
Redis. A learner's requests land on whichever worker is free, so everything a
worker keeps for a learner must be readable by the others: the session on all
five engines, the lab's choices and the HTTP exchange record. And nothing one
learner does reaches a classmate's session: signing out everywhere included.

These start the real thing (make serve, three workers) against the servers of
the --real-servers run, in a database and Redis databases of their own, and
find in gunicorn's access log which worker answered each request.
"""

import os
import re
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest
import redis
from bs4 import BeautifulSoup

from config.settings import redis_location
from sessions_demo.lab.engines import ENGINES

from . import servers
from .benchmarks.class_load import run_class
from .classroom import Learner, served, worker_pids, workers_by_request
from .helpers import DEMO_USER_NAME

pytestmark = pytest.mark.real_servers

WORKERS = 3
READS = 30
# Redis databases 8, 9, 10: apart from the test run's own (0, 1, 2).
REDIS_OFFSET = 8
DATABASE = "sessions_course_hosting"


class Site:
    """The served site, its access log, and where it keeps its data."""

    def __init__(self, url: str, log: Path, database_url: str, redis_url: str):
        self.url, self.log = url, log
        self.database_url, self.redis_url = database_url, redis_url

    def answered_by(self, request_ids: list[str], timeout: float = 10) -> list[int]:
        """Return the worker pid that answered each request, in order."""
        # gunicorn logs a request after its response is sent: the last lines
        # may still be on their way when the learner already has the answer.
        deadline = time.monotonic() + timeout
        answered = workers_by_request(self.log)
        while not set(request_ids) <= answered.keys() and time.monotonic() < deadline:
            time.sleep(0.05)
            answered = workers_by_request(self.log)
        return [answered[request_id] for request_id in request_ids]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[Site]:
    """Run `make serve` with three workers on the run's PostgreSQL and Redis."""
    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    database_url = f"{base}/{DATABASE}"
    servers.create_database(database_url)
    redis_url = redis_location(os.environ["REDIS_URL"], REDIS_OFFSET)
    redis.Redis.from_url(redis_url).flushdb()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    env = {"DATABASE_URL": database_url, "REDIS_URL": redis_url}
    with served(env, log, workers=WORKERS) as url:
        yield Site(url, log, database_url, redis_url)


def read_many(learner: Learner, path: str, count: int = READS) -> tuple[list, list]:
    """GET path count times, WORKERS at a time; return the answers and their ids."""
    ids = [uuid.uuid4().hex for _ in range(count)]
    # One request after another may all land on the worker that is awake; a
    # few at once keep every worker busy, so the reads cross workers for sure.
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        answers = list(pool.map(lambda i: learner.request(path, request_id=i), ids))
    return answers, ids


@pytest.mark.parametrize("engine", ENGINES)
def test_a_session_written_once_is_read_by_every_worker(site, engine):
    """One write, then 30 reads across the workers: each sees it, on every engine."""
    learner = Learner(site.url)
    assert learner.switch_engine(engine).status == 302
    assert learner.store("colour", "green").status == 302
    answers, ids = read_many(learner, "/panel/")
    assert [a.status for a in answers] == [200] * READS
    assert {(a.json()["engine"], a.json()["data"].get("colour")) for a in answers} == {
        (engine, "green")
    }
    assert len(set(site.answered_by(ids))) > 1, "one worker answered every read"


def test_sessions_are_real_keys_in_redis_and_rows_in_postgresql(site):
    """The cache engine's session is a Redis key; the db engine's a PostgreSQL row."""
    on_cache, on_db = Learner(site.url), Learner(site.url)
    on_cache.switch_engine("cache")
    on_cache.store("colour", "green")
    on_db.switch_engine("db")
    on_db.store("colour", "blue")
    cache_key = on_cache.panel().json()["session_key"]
    db_key = on_db.panel().json()["session_key"]
    # Sessions go to the "default" alias: the first of the three databases.
    keys = redis.Redis.from_url(site.redis_url).keys("*")
    assert f":1:django.contrib.sessions.cache{cache_key}".encode() in keys
    with psycopg.connect(site.database_url) as connection:
        rows = connection.execute(
            "SELECT count(*) FROM django_session WHERE session_key = %s", [db_key]
        ).fetchone()
    assert rows == (1,)


def test_lab_and_exchange_record_agree_across_workers(site):
    """Each page shows the lab's engine and, newest, the request just before it."""
    learner = Learner(site.url)
    learner.switch_engine("cached_db")
    learner.store("colour", "green")
    ids, previous = [], None
    for visit in range(READS):
        path = f"/?visit={visit}"
        request_id = uuid.uuid4().hex
        answer = learner.request(path, request_id=request_id)
        page = BeautifulSoup(answer.body, "html.parser")
        chosen = page.select_one("#lab-switcher-engine option[selected]")
        assert chosen["value"] == "cached_db"
        newest = page.select_one(".exchange-request code").get_text()
        if previous is not None:
            assert newest == f"GET {previous}", f"visit {visit} missed the one before"
        previous = path
        ids.append(request_id)
    assert len(set(site.answered_by(ids))) > 1, "one worker answered every page"


def test_forty_learners_lose_no_write(site):
    """40 learners at once for 3 s: no 5xx, no failed request, no lost write."""
    tally, _ = run_class(site.url, learners=40, seconds=3, rounds=3)
    assert tally.errors == {}
    assert tally.writes >= 40 * 3
    assert tally.lost_writes == 0
    assert len(worker_pids(site.log)) == WORKERS


def test_one_learners_sign_out_everywhere_never_reaches_a_classmate(site):
    """On user_db: A's own user is out in both of A's browsers; B and C stay in."""
    first, second = Learner(site.url), Learner(site.url)
    on_learner, on_own = Learner(site.url), Learner(site.url)
    mine, theirs = own_demo_user(first), own_demo_user(on_own)
    users = {first: mine, second: mine, on_learner: "learner", on_own: theirs}
    for learner, username in users.items():
        learner.switch_engine("user_db")
        assert log_in(learner, username).status == 302
    refused = on_learner.request("/beyond/custom-engine/", {})
    assert refused.status == 400
    assert b"Refused for learner" in refused.body
    assert first.request("/beyond/custom-engine/", {}).status == 302
    greeted = [logged_in_as(learner) for learner in users]
    assert greeted == [None, None, "learner", theirs]


def own_demo_user(learner: Learner) -> str:
    """Press "Make me my own demo user"; return the name the next page shows."""
    assert learner.request("/beyond/login/", {"try_it": "make_own_user"}).status == 302
    page = learner.request("/beyond/login/").body.decode()
    return DEMO_USER_NAME.search(page)[0]


def log_in(learner: Learner, username: str):
    """Log in on the login lesson, password sessions."""
    fields = {"username": username, "password": "sessions", "remember": "on"}
    return learner.request("/beyond/login/", {"try_it": "log_in", **fields})


def logged_in_as(learner: Learner) -> str | None:
    """Return whom the login page greets this learner as, if anyone."""
    page = BeautifulSoup(learner.request("/beyond/login/").body, "html.parser")
    greeting = re.search(
        r"logged in as (\S+)\.", page.select_one(".login-status").get_text()
    )
    return greeting[1] if greeting else None
