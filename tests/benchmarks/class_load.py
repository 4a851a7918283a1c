"""
A class under load: N learners for S seconds against `make serve` on Redis and
PostgreSQL, each on one of the five engines, each round storing a counter,
reading it back from the panel and viewing a page.

Prints requests per second, p50/p95 latency, errors (5xx, refused or failed
requests) and lost writes (a counter that did not read back as stored). When
DATABASE_URL and REDIS_URL are not set it starts both servers from the
system's binaries for the run (tests/servers.py) and stops them after.

    make bench-class                      # 40 learners, 20 s
    make bench-class LEARNERS=10 SECONDS=5 WORKERS=3
"""

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sessions_demo.lab.engines import DJANGO_ENGINES, ENGINES

from .. import servers
from ..classroom import Answer, Learner, served, worker_pids

COUNTER_KEY = "counter"
PAGES = ("/methods/setitem/", "{engine_page}", "/")
# Each engine's page: Django's five under /engines/, the course's user_db in Beyond.
ENGINE_PAGES = {name: f"/engines/{name.replace('_', '-')}/" for name in DJANGO_ENGINES}
ENGINE_PAGES["user_db"] = "/beyond/custom-engine/"


@dataclass
class Tally:
    """What the learners saw, added up across threads."""

    seconds: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    lost_writes: int = 0
    writes: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, answer: Answer, expected: int, what: str) -> bool:
        """Record one answer; return whether it had the expected status."""
        with self.lock:
            self.seconds.append(answer.seconds)
            if answer.status != expected:
                label = f"{what}: HTTP {answer.status}"
                self.errors[label] = self.errors.get(label, 0) + 1
                return False
        return True

    def failed(self, what: str, error: Exception) -> None:
        with self.lock:
            label = f"{what}: {type(error).__name__}"
            self.errors[label] = self.errors.get(label, 0) + 1


def learn(
    base_url: str, index: int, until: float, tally: Tally, rounds: int = 1
) -> None:
    """Be one learner: store, read back, view a page; at least rounds times."""
    engine = ENGINES[index % len(ENGINES)]
    learner = Learner(base_url)
    _attempt(tally, "lab", 302, learner.switch_engine, engine)
    counter = 0
    # A count of rounds as well as a deadline: what a test checks must not
    # depend on how fast this machine happens to be.
    while counter < rounds or time.monotonic() < until:
        counter += 1
        stored = _attempt(tally, "store", 302, learner.store, COUNTER_KEY, counter)
        read = _attempt(tally, "panel", 200, learner.panel)
        if stored:
            with tally.lock:
                tally.writes += 1
                # The panel is read after the store's 302: it must show it.
                if read is None or read.json()["data"].get(COUNTER_KEY) != counter:
                    tally.lost_writes += 1
        page = PAGES[counter % len(PAGES)].format(engine_page=ENGINE_PAGES[engine])
        _attempt(tally, "page", 200, learner.request, page)


def _attempt(
    tally: Tally, what: str, expected: int, step: Callable[..., Answer], *args: object
) -> Answer | None:
    try:
        answer = step(*args)
    except Exception as error:  # a refused or timed-out request is an error too
        tally.failed(what, error)
        return None
    return answer if tally.count(answer, expected, what) else None


def run_class(
    base_url: str, learners: int, seconds: float, rounds: int = 1
) -> tuple[Tally, float]:
    """Run the learners at once; return their tally and the wall time taken."""
    tally = Tally()
    started = time.monotonic()
    threads = [
        threading.Thread(
            target=learn, args=(base_url, i, started + seconds, tally, rounds)
        )
        for i in range(learners)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally, time.monotonic() - started


def report(tally: Tally, wall: float, learners: int, workers: int) -> str:
    """Return the benchmark's figures as a few lines of text."""
    times = sorted(tally.seconds)
    p50 = statistics.median(times) * 1000
    p95 = times[int(len(times) * 0.95) - 1] * 1000
    errors = sum(tally.errors.values())
    lines = [
        f"{learners} learners, {wall:.1f} s, {workers} workers, Redis + PostgreSQL",
        f"requests:    {len(times)} ({len(times) / wall:.0f}/s)",
        f"latency:     p50 {p50:.0f} ms, p95 {p95:.0f} ms",
        f"errors:      {errors}"
        + "".join(f"\n  {label}: {n}" for label, n in sorted(tally.errors.items())),
        f"lost writes: {tally.lost_writes} of {tally.writes}",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(prog="make bench-class")
    parser.add_argument("--learners", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", default="")
    args = parser.parse_args()
    started = None
    env = {name: os.environ.get(name, "") for name in ("DATABASE_URL", "REDIS_URL")}
    if not all(env.values()):
        problems = servers.missing()
        if problems:
            print(f"bench-class: {'; '.join(problems)}: {servers.INSTALL_HINT}.")
            return 2
        started = servers.start()
        env = {"DATABASE_URL": started.database_url, "REDIS_URL": started.redis_url}
        print(f"bench-class: started PostgreSQL and Redis in {started.folder}")
    try:
        with tempfile.TemporaryDirectory() as folder:
            log = Path(folder) / "serve.log"
            workers = int(args.workers) if args.workers else None
            with served(env, log, workers=workers) as url:
                tally, wall = run_class(url, args.learners, args.seconds)
            pids = worker_pids(log)
        print(report(tally, wall, args.learners, len(pids)))
    finally:
        if started is not None:
            started.stop()
    return 1 if tally.errors or tally.lost_writes else 0


if __name__ == "__main__":
    sys.exit(main())
