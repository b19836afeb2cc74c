"""One running copy per data folder: a second launch brings the first window forward.

A QLockFile in the data folder says which process owns it; a lock left by a crashed process
is recognised as stale (its process is gone) and taken over. A QLocalServer, named after the
folder, lets the second launch ask the first to show itself.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

LOCK_NAME = ".secondopinion.lock"
MESSAGE = b"show\n"
WAIT_MS = 1500


def server_name(folder: Path) -> str:
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
        name = server_name(self.folder)
        QLocalServer.removeServer(name)  # a socket left by a crash
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_connection)
        self._server.listen(name)
        return True

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

    def ask_running_copy_to_show(self) -> bool:
        """From a second launch: ask the running copy to come forward; True if it answered."""
        socket = QLocalSocket()
        socket.connectToServer(server_name(self.folder))
        if not socket.waitForConnected(WAIT_MS):
            return False
        socket.write(MESSAGE)
        ok = socket.waitForBytesWritten(WAIT_MS)
        socket.disconnectFromServer()
        return bool(ok)

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()
