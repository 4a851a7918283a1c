"""
Requests per second through Django's SessionMiddleware and through the lab's,
side by side in one run, on the same views, through the full request handler.

Not a test: timings depend on the machine. Run it with `make bench`. Rounds of
the two middlewares alternate (in alternating order), so a slow moment of the
machine hits both; as `timeit` advises, the best round of each is compared,
the one least disturbed by everything else the machine was doing.
"""

import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# A throwaway key: the benchmark signs cookies but serves nobody.
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-" + "x" * 40)
os.environ.pop("DJANGO_DEBUG", None)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import path  # noqa: E402

from sessions_demo.lab.engines import engine_path  # noqa: E402
from sessions_demo.lab.profile import LAB_COOKIE_NAME, Profile, sign  # noqa: E402

DJANGOS = "django.contrib.sessions.middleware.SessionMiddleware"
OURS = "sessions_demo.lab.middleware.LabSessionMiddleware"
ROUNDS = 31
REQUESTS_PER_ROUND = 150


def count(request: HttpRequest) -> HttpResponse:
    """Read and write the session: a save on every request."""
    request.session["count"] = request.session.get("count", 0) + 1
    return HttpResponse("ok")


def read(request: HttpRequest) -> HttpResponse:
    """Only read the session: no save, the middleware's lightest path."""
    return HttpResponse(str(request.session.get("count", 0)))


urlpatterns = [path("count/", count), path("read/", read)]


def middleware_with(session_middleware: str) -> list[str]:
    return [
        session_middleware if entry == OURS else entry for entry in settings.MIDDLEWARE
    ]


def client_with(session_middleware: str, lab_cookie: str | None) -> Client:
    """Return a client whose handler runs the given session middleware."""
    with override_settings(
        MIDDLEWARE=middleware_with(session_middleware), ROOT_URLCONF=__name__
    ):
        client = Client()
        if lab_cookie:
            client.cookies[LAB_COOKIE_NAME] = lab_cookie
        client.get("/count/")  # loads the middleware chain, starts the session
    return client


def requests_per_second(client: Client, url: str) -> float:
    start = time.perf_counter()
    for _ in range(REQUESTS_PER_ROUND):
        client.get(url)
    return REQUESTS_PER_ROUND / (time.perf_counter() - start)


def compare(label: str, make: Callable[[str], Client], url: str) -> float:
    clients = {name: make(name) for name in (DJANGOS, OURS)}
    rounds: dict[str, list[float]] = {DJANGOS: [], OURS: []}
    with override_settings(ROOT_URLCONF=__name__):
        for number in range(ROUNDS):
            order = (DJANGOS, OURS) if number % 2 else (OURS, DJANGOS)
            for name in order:
                rounds[name].append(requests_per_second(clients[name], url))
    django_rps = max(rounds[DJANGOS])
    lab_rps = max(rounds[OURS])
    ratio = lab_rps / django_rps
    print(
        f"{label:<50} Django {django_rps:6.0f} req/s   lab {lab_rps:6.0f} req/s"
        f"   lab/Django {ratio:5.1%}"
    )
    return ratio


def main() -> int:
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)
    print(
        f"{ROUNDS} alternating rounds of {REQUESTS_PER_ROUND} requests, best of each:"
    )
    ratios = []
    for engine in ("db", "cache", "signed_cookies"):
        with override_settings(SESSION_ENGINE=engine_path(engine)):
            for url in ("/count/", "/read/"):
                ratios.append(
                    compare(
                        f"{engine}, {url}, no lab cookie",
                        lambda name: client_with(name, None),
                        url,
                    )
                )
            # Django's middleware ignores the lab cookie; ours parses it.
            lab_cookie = sign(replace(Profile.from_settings(), cookie_age=3600))
            ratios.append(
                compare(
                    f"{engine}, /count/, with a lab cookie",
                    lambda name, cookie=lab_cookie: client_with(name, cookie),
                    "/count/",
                )
            )
    print(
        f"Median over all cases: the lab serves {statistics.median(ratios):.1%} of "
        f"Django's requests per second (worst case {min(ratios):.1%})."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
