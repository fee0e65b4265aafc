"""The test server itself: it runs as an unprivileged user, reachable on its socket only."""

from __future__ import annotations

from tests.pgserver import PgServer


def test_the_server_answers_on_its_socket_only(pg_server: PgServer) -> None:
    with pg_server.connect("postgres") as conn:
        assert conn.execute("SHOW listen_addresses").fetchone() == ("",)
        assert conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = 'alice'").fetchone() == (
            False,
        )
