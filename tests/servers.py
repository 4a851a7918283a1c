"""
Real PostgreSQL and Redis servers, started from the system's binaries for a
test run (`pytest --real-servers`) or a benchmark, and stopped after it.

They are started with pytest-postgresql's and pytest-redis's executors, the
processes behind those plugins' `postgresql_proc` and `redis_proc` fixtures.
The fixtures themselves come too late for us: Django reads DATABASE_URL and
REDIS_URL when its settings load, before the first fixture runs.

PostgreSQL refuses to run as root. As root (CI is), the servers' folder is
handed to the `postgres` user that Debian's package creates, and pg_ctl runs
as that user through a two-line wrapper made in the folder.
"""

import os
import re
import shutil
import socket
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from mirakuru import Executor

POSTGRES_GLOB = "/usr/lib/postgresql/*/bin/pg_ctl"
POSTGRES_USER = "postgres"
DATABASE = "sessions_course"
INSTALL_HINT = "apt-get install postgresql redis-server (.ci/run does)"


def find_pg_ctl() -> Path | None:
    """Return pg_ctl of the newest PostgreSQL installed, from PATH or Debian's."""
    # Debian keeps server binaries out of PATH, one folder per major version.
    installed = sorted(
        Path("/").glob(POSTGRES_GLOB.lstrip("/")),
        key=lambda path: int(re.sub(r"\D", "", path.parent.parent.name) or 0),
    )
    if installed:
        return installed[-1]
    found = shutil.which("pg_ctl")
    return Path(found) if found else None


def find_redis_server() -> Path | None:
    """Return the redis-server binary on PATH, if any."""
    found = shutil.which("redis-server")
    return Path(found) if found else None


def missing() -> list[str]:
    """Return what is missing to start the servers, in words; empty when none is."""
    problems = []
    if find_pg_ctl() is None:
        problems.append(f"no PostgreSQL server binaries (pg_ctl, {POSTGRES_GLOB})")
    if find_redis_server() is None:
        problems.append("no redis-server on PATH")
    if os.geteuid() == 0 and not _user_exists(POSTGRES_USER):
        problems.append("running as root and there is no 'postgres' user to run as")
    return problems


def free_port() -> int:
    """Return a TCP port on loopback that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Servers:
    """A running PostgreSQL and Redis, and how to reach them."""

    folder: Path
    database_url: str
    redis_url: str
    executors: list[Executor] = field(default_factory=list)

    def stop(self) -> None:
        """Stop both servers and remove their folder."""
        for executor in reversed(self.executors):
            executor.stop()
        self.executors.clear()
        shutil.rmtree(self.folder, ignore_errors=True)


def start() -> Servers:
    """Start PostgreSQL and Redis on free loopback ports, in a new folder."""
    from pytest_postgresql.executors import PostgreSQLExecutor
    from pytest_redis.executor import RedisExecutor

    # Short, under /tmp: a Unix socket path must stay under 108 bytes.
    folder = Path(tempfile.mkdtemp(prefix="course-servers-"))
    servers = Servers(folder, database_url="", redis_url="")
    try:
        redis_port = free_port()
        redis = RedisExecutor(
            executable=str(find_redis_server()),
            databases=16,
            redis_timeout=30,
            loglevel="warning",
            host="127.0.0.1",
            port=redis_port,
            datadir=folder,
        )
        redis.start()
        servers.executors.append(redis)
        servers.redis_url = f"redis://127.0.0.1:{redis_port}/0"

        pg_port = free_port()
        postgres = PostgreSQLExecutor(
            executable=str(_pg_ctl_for_this_user(folder)),
            host="127.0.0.1",
            port=pg_port,
            datadir=str(folder / "pgdata"),
            unixsocketdir=str(folder),
            logfile=str(folder / "postgresql.log"),
            # -w: pg_ctl returns once the server accepts connections. fsync
            # off: these servers hold throw-away data, and tests should not
            # wait for the disk.
            startparams="-w",
            dbname=DATABASE,
            user=POSTGRES_USER,
            postgres_options="-c fsync=off -c full_page_writes=off",
        )
        postgres.start()
        servers.executors.append(postgres)
        servers.database_url = (
            f"postgresql://{POSTGRES_USER}@127.0.0.1:{pg_port}/{DATABASE}"
        )
        create_database(servers.database_url)
    except BaseException:
        servers.stop()
        raise
    return servers


def create_database(url: str, timeout: float = 30) -> None:
    """Create the database url names, once its server accepts connections."""
    import psycopg

    base, name = url.rsplit("/", 1)
    # The port opens before PostgreSQL accepts connections ("the database
    # system is starting up"), and the executor only waits for the port.
    deadline = time.monotonic() + timeout
    while True:
        try:
            connection = psycopg.connect(f"{base}/postgres", autocommit=True)
            break
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    with connection:
        connection.execute(f'CREATE DATABASE "{name}"')


def _pg_ctl_for_this_user(folder: Path) -> Path:
    """Return a pg_ctl that may run here: the real one, or one run as postgres."""
    pg_ctl = find_pg_ctl()
    assert pg_ctl is not None, INSTALL_HINT
    if os.geteuid() != 0:
        return pg_ctl
    shutil.chown(folder, POSTGRES_USER, POSTGRES_USER)
    wrapper = folder / "pg_ctl"
    wrapper.write_text(f'#!/bin/sh\nexec runuser -u {POSTGRES_USER} -- {pg_ctl} "$@"\n')
    wrapper.chmod(0o755)
    return wrapper


def _user_exists(name: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True
