"""One running copy per data folder: a second launch brings the first window forward.

A QLockFile in the data folder says which process owns it; a lock left by a crashed process
is recognised as stale (its process is gone) and taken over. A QLocalServer, named after the
folder, lets the second launch ask the first to show itself.

The lock is taken before the database opens; the server starts once the window is up
(`listen`), because QtNetwork costs about 8 ms to load and nothing needs it before then.
A second launch in that moment keeps trying while the first still holds the lock, for as long
as a slow start might take (`ask_running_copy_to_show`).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, QThread, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer

LOCK_NAME = ".secondopinion.lock"
MESSAGE = b"show\n"
WAIT_MS = 1500
RETRY_MS = 50
STARTING_WAIT_S = 15.0  # a cold start on a slow computer, or a big upgrade backup


def server_name(folder: Path) -> str:
    import hashlib

    digest = hashlib.sha256(str(folder.resolve()).encode("utf-8")).hexdigest()[:20]
    return f"secondopinion-{digest}"


class SingleInstance(QObject):
    """Signals:
    activated(): another launch on the same folder asked this copy to come forward.
    """

    activated = Signal()

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self._lock = QLockFile(str(folder / LOCK_NAME))
        self._lock.setStaleLockTime(0)  # stale only when the owning process is gone
        self._server: QLocalServer | None = None

    def acquire(self) -> bool:
        """Take the folder; False when another running copy has it."""
        if not self._lock.tryLock(100):
            if self._lock.error() == QLockFile.LockError.LockFailedError:
                return False
            # A lock we could not read or write: try once more after removing a stale one.
            self._lock.removeStaleLockFile()
            if not self._lock.tryLock(100):
                return False
        return True

    def listen(self) -> None:
        """Start answering later launches (after `acquire`; once is enough)."""
        if self._server is not None or not self._lock.isLocked():
            return
        from PySide6.QtNetwork import QLocalServer

        name = server_name(self.folder)
        QLocalServer.removeServer(name)  # a socket left by a crash
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_connection)
        self._server.listen(name)

    def _on_connection(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            # The other launch writes at once and waits; a short blocking read keeps this simple.
            if socket.bytesAvailable() or socket.waitForReadyRead(WAIT_MS):
                message = bytes(socket.readAll().data())
                if message.startswith(MESSAGE.strip()):
                    self.activated.emit()
            socket.abort()
            socket.deleteLater()

    def ask_running_copy_to_show(self, wait_s: float = STARTING_WAIT_S) -> bool:
        """From a second launch: ask the running copy to come forward; True if it answered.

        The running copy may still be starting and not listening yet, so this keeps trying for
        up to `wait_s` while that copy holds the folder; it stops at once if the folder is free.
        """
        from PySide6.QtNetwork import QLocalSocket

        name = server_name(self.folder)
        socket = QLocalSocket()
        deadline = time.monotonic() + wait_s
        while True:
            socket.connectToServer(name)
            if socket.waitForConnected(RETRY_MS * 2):
                break
            socket.abort()
            if time.monotonic() >= deadline or not self._held_by_another():
                return False
            QThread.msleep(RETRY_MS)
        socket.write(MESSAGE)
        ok = socket.waitForBytesWritten(WAIT_MS)
        socket.disconnectFromServer()
        return bool(ok)

    def _held_by_another(self) -> bool:
        """Whether another running copy still holds the folder (a dead one's lock is stale)."""
        if self._lock.isLocked():
            return False
        if self._lock.tryLock(0):
            self._lock.unlock()
            return False
        return True

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()
