"""One running Rapport per book: a second launch hands its request to the first.

A ``QLockFile`` decides who is the server, so that two launches at the same moment
cannot both listen; a lock left by a killed process is stale (its PID is gone) and is
reclaimed. The server is a ``QLocalServer`` named after the book's folder; a client
sends one line ("raise", "capture", ...) and the server emits ``messageReceived``.
The window takes the lock before it is built and listens right after its first paint
(``acquire(listen=False)``, then ``listen``): QtNetwork is not loaded before the paint. A
second launch in between finds the lock held and no server yet, and waits for it.
"""

from __future__ import annotations

import os
import time
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Signal, Slot

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

# QtNetwork is imported where a socket is used: the window's start loads it after its first
# paint (``listen``), and ``--startup-check``, which never takes the lock, not at all.

TIMEOUT_MS = 1000
# How long a second launch waits for the server of an instance that holds the lock but
# listens only once its window has painted (the lock is taken before the window is built).
START_WAIT_MS = 5000


def server_name(data_dir: Path) -> str:
    """The book's socket: one per user and folder (two books may be open at once).

    The folder is told apart by two checksums (64 bits), which is all a name needs: zlib
    is loaded with Qt already, where hashlib and getpass cost ~5 ms of the window's start.
    """
    folder = str(data_dir.resolve()).encode("utf-8")
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
    return f"rapport-{user}-{zlib.crc32(folder):08x}{zlib.adler32(folder):08x}"


def send(
    data_dir: Path, message: str, timeout_ms: int = TIMEOUT_MS, start_wait_ms: int = START_WAIT_MS
) -> bool:
    """Deliver ``message`` to the running instance; False when none answers.

    An instance still starting (its lock held, its server not listening yet) is waited
    for up to ``start_wait_ms``; with no lock held, nothing runs and False comes at once.
    """
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    deadline = time.monotonic() + start_wait_ms / 1000
    while True:
        socket.connectToServer(server_name(data_dir))
        if socket.waitForConnected(timeout_ms):
            break
        if time.monotonic() >= deadline or not _starting(data_dir):
            return False
        time.sleep(0.02)
    socket.write((message.strip() + "\n").encode("utf-8"))
    ok = socket.waitForBytesWritten(timeout_ms)
    # Wait for the server's acknowledgement so the message is handled before we exit.
    ok = ok and socket.waitForReadyRead(timeout_ms)
    socket.disconnectFromServer()
    return bool(ok)


def _starting(data_dir: Path) -> bool:
    """Another process holds the book's lock: an instance that does not listen yet."""
    probe = QLockFile(str(data_dir / "rapport.lock"))
    probe.setStaleLockTime(0)  # as SingleInstance: a lock whose process is gone is stale
    if probe.tryLock(0):
        probe.unlock()
        return False
    # Held by another process, not a folder where no lock can be written.
    return probe.error() == QLockFile.LockError.LockFailedError


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

    def acquire(self, listen: bool = True) -> bool:
        """Become the running instance; False when another one already is.

        With ``listen=False`` only the lock is taken; ``listen`` starts the server later
        (the window: after its first paint), and second launches wait for it meanwhile.
        """
        if not self.lock.tryLock(100):
            return False
        if not listen:
            return True
        if not self.listen():
            self.lock.unlock()
            return False
        return True

    def listen(self) -> bool:
        """Answer second launches (the lock is held); False if the socket cannot be made."""
        if self.server is not None:
            return True
        from PySide6.QtNetwork import QLocalServer

        QLocalServer.removeServer(self.name)  # a socket file left by a crash
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            server.deleteLater()
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
