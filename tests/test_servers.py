"""tests/servers.py: the PostgreSQL and Redis of --real-servers and bench-class."""

from . import servers


def test_missing_binaries_are_named(monkeypatch):
    """Without PostgreSQL or Redis binaries, the reason names each and the fix."""
    monkeypatch.setattr(servers, "find_pg_ctl", lambda: None)
    monkeypatch.setattr(servers, "find_redis_server", lambda: None)
    problems = " ".join(servers.missing())
    assert "pg_ctl" in problems
    assert "redis-server" in problems
    assert "apt-get install postgresql redis-server" in servers.INSTALL_HINT


def test_free_port_is_on_loopback_and_free():
    """A free port can be bound on 127.0.0.1 right away."""
    import socket

    port = servers.free_port()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", port))
