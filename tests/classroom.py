"""
A class of learners against `make serve`: the site started as a teacher would
start it, in its own process group, and learners that each keep their own
cookies and talk to it over HTTP, as browsers do.

Used by the multi-worker tests (tests/test_hosting.py) and the class benchmark
(`make bench-class`, tests/benchmarks/class_load.py).
"""

import json
import os
import secrets
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode

from .servers import free_port

ROOT = Path(__file__).resolve().parent.parent
# What `make serve` reads; everything else of the caller's environment is kept.
SERVE_VARIABLES = ("DATABASE_URL", "REDIS_URL", "DJANGO_HTTPS", "DJANGO_DEBUG")
REQUEST_ID_HEADER = "X-Request-Id"
# gunicorn's access log line (config/gunicorn.py) ends with these two fields.
WORKER_FIELD = "worker=<"
REQUEST_FIELD = "request="


@dataclass(frozen=True)
class Answer:
    """One response, as a learner saw it."""

    status: int
    body: bytes
    seconds: float

    def json(self) -> dict:
        return json.loads(self.body)


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    # A POST answers with a redirect; the learner wants to see that 302.
    def redirect_request(self, *args, **kwargs) -> None:
        return None


class Learner:
    """One visitor with their own cookies, as a browser keeps them."""

    def __init__(self, base_url: str, timeout: float = 30) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.cookies = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _KeepRedirects
        )

    def request(
        self, path: str, data: Mapping[str, str] | None = None, request_id: str = ""
    ) -> Answer:
        """GET path, or POST data to it with the CSRF token; never follow redirects."""
        headers = {REQUEST_ID_HEADER: request_id} if request_id else {}
        body = None
        if data is not None:
            if "csrftoken" not in self.cookie_values():
                self.request("/lab/")  # any page sets the CSRF cookie
            headers["X-CSRFToken"] = self.cookie_values()["csrftoken"]
            body = urlencode(data).encode()
        request = urllib.request.Request(
            self.base_url + path, data=body, headers=headers
        )
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                status, content = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, content = error.code, error.read()
        return Answer(status, content, time.perf_counter() - started)

    def cookie_values(self) -> dict[str, str]:
        return {cookie.name: cookie.value for cookie in self.cookies}

    def switch_engine(self, engine: str) -> Answer:
        """Choose this learner's session engine in the lab."""
        return self.request("/lab/", {"engine": engine})

    def store(self, key: str, value: object) -> Answer:
        """Store key = value in the session, as /methods/setitem/'s form does."""
        return self.request(
            "/methods/setitem/", {"key": key, "value": json.dumps(value)}
        )

    def panel(self, request_id: str = "") -> Answer:
        """Read the live panel's JSON: the session as the server has it."""
        return self.request("/panel/", request_id=request_id)


@contextmanager
def served(
    env: Mapping[str, str], log: Path, workers: int | None = None
) -> Iterator[str]:
    """Run `make serve` with env on a free port; yield its URL, stop it after."""
    port = free_port()
    environment = {
        **{k: v for k, v in os.environ.items() if k not in SERVE_VARIABLES},
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        **env,
    }
    # Under pytest the settings would think they are being tested (no
    # WhiteNoise, a development secret): the site must run as deployed.
    environment.pop("PYTEST_VERSION", None)
    command = ["make", "--no-print-directory", "serve", f"PORT={port}"]
    if workers is not None:
        command.append(f"WORKERS={workers}")
    with log.open("w") as output:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped as one
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_answering(url, process, log)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def worker_pids(log: Path) -> set[int]:
    """Return the pids of the workers that answered a request, from gunicorn's log."""
    return set(workers_by_request(log, every_line=True).values())


def workers_by_request(log: Path, every_line: bool = False) -> dict[str, int]:
    """Return, from gunicorn's access log, the worker pid that answered each id."""
    answered = {}
    for number, line in enumerate(log.read_text().splitlines()):
        if WORKER_FIELD in line and REQUEST_FIELD in line:
            pid = line.split(WORKER_FIELD, 1)[1].split(">", 1)[0]
            request_id = line.rsplit(REQUEST_FIELD, 1)[1].strip()
            answered[f"line {number}" if every_line else request_id] = int(pid)
    return answered


def _wait_until_answering(
    url: str, process: subprocess.Popen, log: Path, timeout: float = 90
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"make serve stopped:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url + "/panel/", timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(
        f"make serve did not answer within {timeout} s:\n{log.read_text()}"
    )
