"""
`make serve`: host the course for a class, with gunicorn and several workers.

Every worker is its own process, so whatever one worker keeps for a visitor
must be where the others can read it: sessions in the database, in Redis, in
the shared file folder or in the cookie itself, never in a process's memory.
Hence the rules below: several workers only with REDIS_URL, a real secret from
the environment (all workers must sign alike), and `check --deploy` first.

`python -m config.serve --preflight` checks the environment before anything
touches the settings; `python -m config.serve` runs the deployment checks and
then becomes gunicorn. The Makefile migrates and collects static files between
the two.
"""

import argparse
import os
import sys
from collections.abc import Mapping
from pathlib import Path

PLAIN_HTTP_WARNINGS = {
    "security.W004": "no HSTS",
    "security.W008": "no redirect to HTTPS",
    "security.W010": "the session cookie is not Secure",
    "security.W016": "the CSRF cookie is not Secure",
}
MAX_WORKERS = 64
GUNICORN_CONFIG = Path(__file__).with_name("gunicorn.py")


class ServeError(Exception):
    """What stops `make serve`, in one line for the person who typed it."""


def require_environment(env: Mapping[str, str]) -> None:
    """Refuse to serve without the secret and the host names a deployment needs."""
    if not env.get("DJANGO_SECRET_KEY", "").strip():
        raise ServeError(
            "DJANGO_SECRET_KEY is not set: export a long random string, e.g. "
            "DJANGO_SECRET_KEY=$(python3 -c 'import secrets; "
            "print(secrets.token_urlsafe(50))')"
        )
    if not env.get("DJANGO_ALLOWED_HOSTS", "").strip():
        raise ServeError(
            "DJANGO_ALLOWED_HOSTS is not set: export the host names learners "
            "will type, comma-separated, e.g. DJANGO_ALLOWED_HOSTS=course.example.org"
        )


def default_workers(cores: int) -> int:
    """Return gunicorn's rule of thumb, 2 x cores + 1."""
    # Measured (README, "A class under load"): on 2 cores, 2, 3 and 5 workers
    # serve the same rate, since the cores are the limit. The extra workers
    # cost only memory (about 60 MB each) and buy slack: a request waits on
    # PostgreSQL and Redis, and one stuck on a slow page or a server that
    # stopped answering does not leave the class queuing behind the others.
    return 2 * cores + 1


def plan_workers(requested: str, env: Mapping[str, str], cores: int) -> tuple[int, str]:
    """Return the number of workers to start and why that many."""
    if requested and not (requested.isdigit() and 1 <= int(requested) <= MAX_WORKERS):
        raise ServeError(f"WORKERS must be a number from 1 to {MAX_WORKERS}.")
    if not env.get("REDIS_URL"):
        # Local-memory caches live inside one process: with several workers a
        # cache session, a cached_db copy and the exchange record would each
        # be seen by one worker only, and lost or stale on the others.
        if requested and int(requested) > 1:
            raise ServeError(
                f"WORKERS={requested} needs REDIS_URL: without it the caches are "
                "local memory, private to each worker, and cache sessions would "
                "be lost between them."
            )
        return (
            1,
            "without REDIS_URL the caches are local memory, private to each process",
        )
    if requested:
        return int(requested), "WORKERS"
    return default_workers(cores), f"2 x {cores} cores + 1"


def deployment_problems(https: bool) -> tuple[list[str], list[str]]:
    """Run `check --deploy`; return the plain-HTTP warnings and everything else."""
    from django.core import checks

    # Sorted: checks run in no fixed order, and the output should not wobble.
    messages = sorted(
        (
            message
            for message in checks.run_checks(include_deployment_checks=True)
            if message.level >= checks.WARNING and not message.is_silenced()
        ),
        key=lambda message: message.id or "",
    )
    plain = [str(m) for m in messages if not https and m.id in PLAIN_HTTP_WARNINGS]
    other = [str(m) for m in messages if https or m.id not in PLAIN_HTTP_WARNINGS]
    return plain, other


def gunicorn_command(workers: int, bind: str) -> list[str]:
    """Return the command that starts gunicorn for the course."""
    gunicorn = Path(sys.executable).with_name("gunicorn")
    return [
        str(gunicorn),
        "--config",
        str(GUNICORN_CONFIG),
        "--workers",
        str(workers),
        "--bind",
        bind,
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m config.serve")
    parser.add_argument("--preflight", action="store_true")
    parser.add_argument("--workers", default="")
    parser.add_argument("--bind", default="127.0.0.1:8000")
    args = parser.parse_args(argv)
    try:
        require_environment(os.environ)
        workers, why = plan_workers(args.workers, os.environ, os.cpu_count() or 1)
    except ServeError as error:
        print(f"make serve: {error}", file=sys.stderr)
        return 2
    if args.preflight:
        return 0

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.conf import settings

    plain, other = deployment_problems(settings.HTTPS)
    for message in plain + other:
        print(message, file=sys.stderr)
    if other:
        print("make serve: check --deploy found the problems above.", file=sys.stderr)
        return 2
    if plain:
        print(
            "make serve: plain HTTP, so the warnings above are true: cookies are "
            "not Secure and there is no HSTS. Fine on loopback or a trusted "
            "network; otherwise put a TLS proxy in front and set DJANGO_HTTPS=1.",
            file=sys.stderr,
        )
    database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    caches = "Redis" if settings.REDIS_URL else "local memory"
    print(
        f"make serve: {workers} worker(s) ({why}), database {database}, "
        f"caches {caches}, http://{args.bind}/",
        file=sys.stderr,
    )
    command = gunicorn_command(workers, args.bind)
    os.execv(command[0], command)


if __name__ == "__main__":
    sys.exit(main())
