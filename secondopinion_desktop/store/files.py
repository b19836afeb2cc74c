"""The one way the app writes a file: whole or not at all, and private to the person (0600).

Every file the app writes for the person (case exports, PDFs, calendar files) goes through
`write_atomically` or `atomic_file`: a temporary file in the same folder (so the rename cannot
cross disks), the bytes, fsync, chmod 0600, rename over the target, and an fsync of the folder
so the rename itself survives a power cut. A full disk or a killed process leaves the old file
as it was and at most a `.secondopinion-*.partial` temp, which `remove_stale_temps` clears.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from secondopinion_desktop.errors import KnownError

TEMP_PREFIX = ".secondopinion-"
TEMP_SUFFIX = ".partial"
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


class FileWriteError(KnownError):
    """A file the person asked for could not be written; the old one (if any) is unchanged."""


def _error(path: Path, exc: OSError) -> FileWriteError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return FileWriteError(
            f"The disk is full, so this file could not be written:\n{path}\n\n"
            "Nothing was changed. Please free some space, then try again.",
            f"{type(exc).__name__} errno {exc.errno}",
        )
    return FileWriteError(
        f"Second Opinion could not write this file:\n{path}\n\n"
        "Please choose another folder, or check that the disk is not full.",
        f"{type(exc).__name__} errno {exc.errno}",
    )


def fsync_folder(folder: Path) -> None:
    """Make a rename or a new file in `folder` durable (a no-op where folders cannot be synced)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def make_private(path: Path) -> None:
    """chmod 0600 (0700 for a folder); a drive that cannot do it (FAT, a share) still works."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        path.chmod(PRIVATE_FOLDER if path.is_dir() else PRIVATE_FILE)


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """Yield a private temp file beside `path`; it becomes `path` only if the block succeeds."""
    path = path.expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    try:
        mode: int | None = os.stat(path).st_mode
    except OSError:
        mode = None  # nothing there yet (or nothing to look at): writing will say
    if mode is not None and not stat.S_ISREG(mode):
        # a pipe, a device or a folder under that name is never replaced by the new file
        raise _error(path, OSError(errno.EEXIST, "not an ordinary file", str(path)))
    try:
        fd, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise _error(path, exc) from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        make_private(temp)  # mkstemp made it 0600; said again for a umask-proof promise
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise _error(path, exc) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    fsync_folder(folder)


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path`, whole or not at all, readable by this user only."""
    with atomic_file(path) as stream:
        stream.write(data)


def is_stale_temp(name: str) -> bool:
    """A temp this app makes: `.secondopinion-*.partial` (and SQLite's files beside one)."""
    if not name.startswith(TEMP_PREFIX):
        return False
    return name.endswith(TEMP_SUFFIX) or any(
        name.endswith(TEMP_SUFFIX + side) for side in ("-journal", "-wal", "-shm")
    )


def remove_stale_temps(folder: Path) -> list[Path]:
    """Delete temps that a killed run left in `folder` (never anything else); returns them.

    Called at start while this copy holds the folder's lock, so no other copy is using them.
    """
    import shutil

    removed: list[Path] = []
    with contextlib.suppress(OSError):
        for item in folder.iterdir():
            if not is_stale_temp(item.name):
                continue
            if item.is_dir() and not item.is_symlink():
                shutil.rmtree(item, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    item.unlink()
            removed.append(item)
    return removed


def probe_write(folder: Path, size: int = 4096) -> KnownError | None:
    """Try one small private write in `folder`; words for the person if the disk is full.

    Returns None when the write works or fails for another reason (which the caller explains
    its own way). A file-size limit (EFBIG) is reported like a full disk: either way there is
    no room to save anything.
    """
    try:
        with atomic_file(folder / f"{TEMP_PREFIX}probe") as stream:
            stream.write(b"\0" * size)
    except FileWriteError as exc:
        cause = exc.__cause__
        if isinstance(cause, OSError) and cause.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return KnownError(
                "Your computer's disk is full, so Second Opinion cannot start.\n\n"
                "Nothing has been changed. Please free some space (for example, empty the "
                "wastebasket), then start Second Opinion again.",
                f"probe write failed errno {cause.errno}",
            )
        return None
    with contextlib.suppress(OSError):
        (folder / f"{TEMP_PREFIX}probe").unlink()
    return None
