"""Opening a file the person chose, for reading, without ever hanging on something that is
not a file.

A file dialog can hand back a named pipe (FIFO), a device such as /dev/zero, a folder, or a
link to one of them. Opening a FIFO for reading blocks until someone writes to it, which froze
the window; reading /dev/zero never ends. So the path is looked at first (`os.stat`, following
links), then opened with O_NONBLOCK so that even a FIFO swapped in between cannot block, and
the opened handle is checked again: only a regular file is read.
"""

from __future__ import annotations

import os
import stat
from typing import BinaryIO

from secondopinion_desktop.errors import KnownError

__all__ = ["NotAFileError", "open_regular_file"]


class NotAFileError(KnownError):
    """The path is a folder, a device, a pipe or missing: words for the person."""


def _refuse_mode(mode: int, shown: str) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise NotAFileError(f"\u201c{shown}\u201d is a folder. Please choose a file.")
    raise NotAFileError(
        f"\u201c{shown}\u201d is not an ordinary file (it is a device or a pipe), so Second "
        "Opinion will not read it.\n\nPlease choose a document saved on this computer."
    )


def open_regular_file(path: os.PathLike[str] | str, shown: str) -> BinaryIO:
    """Open `path` for reading if it is an ordinary file; NotAFileError in words otherwise.

    `shown` is the name the person knows the file by. OSError from the system (no permission,
    a disconnected drive) is turned into words too.
    """
    try:
        _refuse_mode(os.stat(path).st_mode, shown)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags)
    except FileNotFoundError as exc:
        raise NotAFileError(
            f"\u201c{shown}\u201d could not be found. It may have been moved or deleted.",
            str(exc),
        ) from exc
    except NotAFileError:
        raise
    except OSError as exc:
        raise NotAFileError(
            f"\u201c{shown}\u201d could not be read.\n\n"
            "If it is on a USB stick or a network drive, please check that it is connected.",
            str(exc),
        ) from exc
    try:
        _refuse_mode(os.fstat(fd).st_mode, shown)  # the path may have changed meanwhile
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)  # an ordinary file: plain reads from here on
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
