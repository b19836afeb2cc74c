"""One running copy per data folder: a second launch brings the first window forward.

A QLockFile in the data folder says which process owns it; a lock left by a crashed process
is recognised as stale (its process is gone) and taken over. A QLocalServer lets the second
launch ask the first to show itself. It cannot be squatted or spoken to by another user:

- its socket lives where only this user can create files: inside the data folder (0700),
  or, when that path is too long for a socket, in $XDG_RUNTIME_DIR or a private 0700
  folder of ours in the temp folder (checked to be ours, not a link), never at a
  predictable name in the shared /tmp;
- at each start the server writes a fresh random token into the data folder (0600), and a
  message counts only if it starts with that token, so only a copy of ours that can read
  this person's data folder is listened to.

The lock is taken before the database opens; the server starts once the window is up
(`listen`), because QtNetwork costs about 8 ms to load and nothing needs it before then.
A second launch in that moment keeps trying while the first still holds the lock, for as long
as a slow start might take (`ask_running_copy_to_show`).
"""

from __future__ import annotations

import os
import stat
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Signal

from secondopinion_desktop.errors import DataFolderError, KnownError

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer

LOCK_NAME = ".secondopinion.lock"
SOCKET_NAME = ".secondopinion.sock"
TOKEN_NAME = ".secondopinion.token"
TOKEN_BYTES = 32
MAX_SOCKET_PATH = 100  # sockaddr_un holds 104-108 bytes, with the final NUL
MESSAGE = b"show\n"
WAIT_MS = 1500
RETRY_MS = 50
UNREADABLE_LOCK_AGE_S = 3.0
STARTING_WAIT_S = 15.0  # a cold start on a slow computer, or a big upgrade backup


def _digest(folder: Path) -> str:
    import hashlib

    return hashlib.sha256(str(folder.resolve()).encode("utf-8")).hexdigest()[:20]


def _private_dir(path: Path) -> bool:
    """Whether `path` is a real folder of this user's that nobody else may enter."""
    try:
        info = path.lstat()
    except OSError:
        return False
    import stat

    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.getuid()
        and stat.S_IMODE(info.st_mode) & 0o077 == 0
    )


def server_name(folder: Path) -> str | None:
    """Where the server listens: a path only this user can create (None if there is none).

    On Windows a pipe name, whose access is limited to this user (UserAccessOption).
    """
    if os.name != "posix":
        return f"secondopinion-{_digest(folder)}"
    inside = folder.resolve() / SOCKET_NAME
    if len(os.fsencode(inside)) <= MAX_SOCKET_PATH and _private_dir(folder.resolve()):
        return str(inside)
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and _private_dir(Path(runtime)):
        candidate = Path(runtime) / f"secondopinion-{_digest(folder)}.sock"
        if len(os.fsencode(candidate)) <= MAX_SOCKET_PATH:
            return str(candidate)
    private = Path(tempfile.gettempdir()) / f"secondopinion-{os.getuid()}"
    try:
        private.mkdir(mode=0o700, exist_ok=True)
    except OSError:
        return None
    if not _private_dir(private):  # made by someone else, or a link: not used
        return None
    candidate = private / f"{_digest(folder)}.sock"
    return str(candidate) if len(os.fsencode(candidate)) <= MAX_SOCKET_PATH else None


def read_token(folder: Path) -> bytes:
    try:
        return (folder / TOKEN_NAME).read_bytes()[: TOKEN_BYTES * 2]
    except OSError:
        return b""


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
        self._token = b""

    def acquire(self) -> bool:
        """Take the folder; False when another running copy has it (or `lock_problem`)."""
        if self.lock_problem() is not None:
            return False  # Qt would wait for ever reading a pipe there
        if not self._lock.tryLock(100) and self._remove_unreadable_lock():
            self._lock.tryLock(100)
        if not self._lock.isLocked():
            if self._lock.error() == QLockFile.LockError.LockFailedError:
                return False
            # A lock we could not read or write: try once more after removing a stale one.
            self._lock.removeStaleLockFile()
            if not self._lock.tryLock(100):
                return False
        from secondopinion_desktop.store.files import make_private

        make_private(self.folder / LOCK_NAME)
        return True

    def lock_problem(self) -> KnownError | None:
        """Words for a lock that is not a file (a pipe, a folder): never ours, never removed.

        A pipe under its name made the start wait for ever; a folder was taken for another
        open window at every start."""
        path = self.folder / LOCK_NAME
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            return None
        if stat.S_ISREG(mode):
            return None
        return DataFolderError(
            "Second Opinion cannot start: its data folder holds something named "
            f"{LOCK_NAME} that is not its own file:\n{path}\n\n"
            "Please move it out of the folder, then start Second Opinion again.",
            "lock is not a regular file",
        )

    def _remove_unreadable_lock(self) -> bool:
        """Remove a lock file that names no process (empty or garbled); True if removed.

        A start on a full disk creates the lock file but cannot write the owner into it; Qt
        then takes that file for another running copy for ever. A copy that is starting
        writes its owner at once, so a file still unreadable after a few seconds is nobody's.
        """
        path = self.folder / LOCK_NAME
        pid, _host, _app = self._lock.getLockInfo()
        try:
            if pid or time.time() - path.stat().st_mtime < UNREADABLE_LOCK_AGE_S:
                return False
            path.unlink()
        except OSError:
            return False
        return True

    def listen(self) -> None:
        """Start answering later launches (after `acquire`; once is enough)."""
        if self._server is not None or not self._lock.isLocked():
            return
        from PySide6.QtNetwork import QLocalServer

        from secondopinion_desktop.store.files import write_atomically

        name = server_name(self.folder)
        if name is None:
            return  # nowhere private to listen: the lock still keeps a second copy out
        try:
            token = os.urandom(TOKEN_BYTES).hex().encode("ascii")
            write_atomically(self.folder / TOKEN_NAME, token)
        except Exception:
            return
        self._token = token
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
                import hmac  # loads hashlib: only when a second launch knocks

                message = bytes(socket.readAll().data())
                token, _, rest = message.partition(b" ")
                if (
                    self._token
                    and hmac.compare_digest(token, self._token)
                    and rest.startswith(MESSAGE.strip())
                ):
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
        if name is None:
            return False
        socket = QLocalSocket()
        deadline = time.monotonic() + wait_s
        while True:
            socket.connectToServer(name)
            if socket.waitForConnected(RETRY_MS * 2):
                break
            socket.abort()
            if time.monotonic() >= deadline or not self._held_by_another():
                return False
            time.sleep(RETRY_MS / 1000)
        # read after connecting: the running copy wrote it before it listened
        socket.write(read_token(self.folder) + b" " + MESSAGE)
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
            import contextlib

            with contextlib.suppress(OSError):
                (self.folder / TOKEN_NAME).unlink()
        if self._lock.isLocked():
            self._lock.unlock()
