"""A real Radicale CalDAV/CardDAV server for the phone tests, on 127.0.0.1.

Radicale's own WSGI application is served by the standard library's threaded WSGI
server on a free port, with a throwaway storage folder and an htpasswd file of users.
A thin middleware in front of it notes each request (method and path) so that tests can
count what a publish sent, and can stop the server after a number of writes (the server
"going away" in the middle of a publish); ``start()`` brings it back on the same port.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from keyring.backend import KeyringBackend

USERS = {"rep": "s3cret-pass", "other": "other-pass"}


class _Threading(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class DavServer:
    def __init__(self, folder: Path) -> None:
        import radicale
        from radicale import config

        # Made here, so that Radicale does not say on stderr that it makes them.
        (folder / "collections" / "collection-root").mkdir(parents=True, exist_ok=True)
        users = folder / "users"
        users.write_text("".join(f"{name}:{word}\n" for name, word in USERS.items()))
        configuration = config.load()
        configuration.update(
            {
                "auth": {
                    "type": "htpasswd",
                    "htpasswd_filename": str(users),
                    "htpasswd_encryption": "plain",
                    "delay": "0",
                },
                "storage": {"filesystem_folder": str(folder / "collections")},
                "rights": {"type": "owner_only"},
                "logging": {"level": "warning", "mask_passwords": "True"},
            },
            "test",
            privileged=True,
        )
        self.app = radicale.Application(configuration)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.requests: list[tuple[str, str]] = []
        self.stop_after_writes: int | None = None
        # An HTTP status every PUT gets instead of Radicale's answer (507: quota).
        self.refuse_writes_with: int | None = None
        self._writes = 0
        self._server: WSGIServer | None = None
        self._thread: threading.Thread | None = None

    # -- the middleware ------------------------------------------------------------------
    def _wsgi(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        method = environ["REQUEST_METHOD"]
        self.requests.append((method, environ.get("PATH_INFO", "")))
        if method == "PUT" and self.refuse_writes_with is not None:
            start_response(f"{self.refuse_writes_with} Refused", [("Content-Length", "0")])
            return [b""]
        result = self.app(environ, start_response)
        if method in ("PUT", "DELETE") and self.stop_after_writes is not None:
            self._writes += 1
            if self._writes >= self.stop_after_writes:
                self.stop_after_writes = None
                threading.Thread(target=self.stop, daemon=True).start()
        return result

    # -- running ---------------------------------------------------------------------------
    def start(self) -> None:
        self._writes = 0
        self._server = make_server(
            "127.0.0.1", self.port, self._wsgi, server_class=_Threading, handler_class=_Quiet
        )
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(10)

    @property
    def running(self) -> bool:
        return self._server is not None

    def writes(self) -> list[tuple[str, str]]:
        """The PUT and DELETE requests noted so far."""
        return [(m, p) for m, p in self.requests if m in ("PUT", "DELETE")]

    def collection_names(self, user: str) -> list[str]:
        root = Path(self.app._storage._filesystem_folder) / "collection-root" / user  # type: ignore[attr-defined]
        return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


class MemoryKeyring(KeyringBackend):
    """A keychain that keeps passwords in this process (a ``keyring`` backend)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.saved: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.saved.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.saved[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.saved.pop((service, username), None)
