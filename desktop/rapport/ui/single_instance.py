"""One running Rapport per book: a second launch hands its request to the first.

A ``QLockFile`` decides who is the server, so that two launches at the same moment
cannot both listen; a lock left by a killed process is stale (its PID is gone) and is
reclaimed. The server is a ``QLocalServer`` named after the book's folder; a client
sends one line ("raise", "capture", ...) and the server emits ``messageReceived``.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Signal, Slot

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

# QtNetwork is imported where a socket is used: ``--startup-check``, which never takes
# the instance lock, starts without it.

TIMEOUT_MS = 1000


def server_name(data_dir: Path) -> str:
    """The book's socket: one per user and folder (two books may be open at once).

    The folder is told apart by two checksums (64 bits), which is all a name needs: zlib
    is loaded with Qt already, where hashlib and getpass cost ~5 ms of the window's start.
    """
    folder = str(data_dir.resolve()).encode("utf-8")
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
    return f"rapport-{user}-{zlib.crc32(folder):08x}{zlib.adler32(folder):08x}"


def send(data_dir: Path, message: str, timeout_ms: int = TIMEOUT_MS) -> bool:
    """Deliver ``message`` to the running instance; False when none answers."""
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(server_name(data_dir))
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write((message.strip() + "\n").encode("utf-8"))
    ok = socket.waitForBytesWritten(timeout_ms)
    # Wait for the server's acknowledgement so the message is handled before we exit.
    ok = ok and socket.waitForReadyRead(timeout_ms)
    socket.disconnectFromServer()
    return bool(ok)


class SingleInstance(QObject):
    messageReceived = Signal(str)

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.name = server_name(data_dir)
        self.lock = QLockFile(str(data_dir / "rapport.lock"))
        # 0: never stale by age; a lock whose process is gone is still reclaimed.
        self.lock.setStaleLockTime(0)
        self.server: QLocalServer | None = None
        self._sockets: list[QLocalSocket] = []

    def acquire(self) -> bool:
        """Become the running instance; False when another one already is."""
        if not self.lock.tryLock(100):
            return False
        from PySide6.QtNetwork import QLocalServer

        QLocalServer.removeServer(self.name)  # a socket file left by a crash
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            self.lock.unlock()
            return False
        server.newConnection.connect(self._on_connection)
        self.server = server
        return True

    def release(self) -> None:
        # Sockets and server are deleted through the event loop, their signals cut first:
        # a socket destroyed with its server would otherwise emit "disconnected" from its
        # own destructor into a slot that deletes it again.
        for socket in list(self._sockets):
            self._forget(socket)
            socket.abort()
        if self.server is not None:
            self.server.newConnection.disconnect(self._on_connection)
            self.server.close()
            self.server.deleteLater()
            self.server = None
        self.lock.unlock()

    @Slot()
    def _on_connection(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            self._sockets.append(socket)
            socket.readyRead.connect(self._on_ready_read)
            socket.disconnected.connect(self._on_disconnected)

    @Slot()
    def _on_ready_read(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        socket = self.sender()
        if not isinstance(socket, QLocalSocket):
            return
        while socket.canReadLine():
            line = bytes(socket.readLine().data()).decode("utf-8", "replace").strip()
            socket.write(b"ok\n")
            socket.flush()
            if line:
                self.messageReceived.emit(line)

    @Slot()
    def _on_disconnected(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._forget(socket)

    def _forget(self, socket: QLocalSocket) -> None:
        if socket in self._sockets:
            self._sockets.remove(socket)
        socket.readyRead.disconnect(self._on_ready_read)
        socket.disconnected.disconnect(self._on_disconnected)
        socket.deleteLater()
