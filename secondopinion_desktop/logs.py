"""The app's log: a private file (folder 0700, file 0600) that never holds the person's data.

gui-scripts have no console on Windows, so problems are written to `user_log_dir`. What goes
in is ids, error kinds and code locations only: the formatter drops the text of every quoted
value and path (SQLite and the OS quote file names, and a file name can be a diagnosis), and a
bug is logged as its kind and traceback frames, without the exception's message, which may
carry a name or a note.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

from secondopinion_desktop.domain.lazy_pattern import LazyPattern

LOG_NAME = "secondopinion.log"
LOG_MAX_BYTES = 1_000_000
LOG_KEEP = 3

# quoted text ('…', "…", “…”, «…») and absolute paths (POSIX, Windows, home)
_QUOTED = LazyPattern(r"'[^'\n]*'|\"[^\"\n]*\"|\u201c[^\u201d\n]*\u201d|\u00ab[^\u00bb\n]*\u00bb")
_PATH = LazyPattern(r"(?:[A-Za-z]:[\\/]|~[\\/]|/)[^\s:,;()]*")

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def redact(text: str) -> str:
    """The text with quoted values and paths replaced by '…'."""
    return _PATH.sub("…", _QUOTED.sub("'…'", text))


def frames_only(kind: type[BaseException], tb: TracebackType | None) -> str:
    """Where a bug happened (files, lines, functions) and its kind, without its message."""
    lines = []
    for frame in traceback.extract_tb(tb):
        lines.append(f'  File "{Path(frame.filename).name}", line {frame.lineno}, in {frame.name}')
    return "Traceback (message left out):\n" + "\n".join(lines) + f"\n{kind.__name__}"


class PrivateFormatter(logging.Formatter):
    """Formats records with quoted values and paths redacted, tracebacks as frames only."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        return redact(super().formatMessage(record))

    def formatException(self, ei: Any) -> str:
        kind: type[BaseException] = ei[0]
        tb: TracebackType | None = ei[2]
        return frames_only(kind, tb)


def rotate_log(path: Path, max_bytes: int = LOG_MAX_BYTES, keep: int = LOG_KEEP) -> None:
    """At start, move a log grown past `max_bytes` to .1 (and .1 to .2 ...), keeping `keep`.

    Done once per start instead of by logging.handlers' RotatingFileHandler, whose module
    (with socket, pickle and queue) cost about 5 ms at every start. The app writes a few
    lines a day, so one check per start keeps the log small.
    """
    try:
        if not path.exists() or path.stat().st_size <= max_bytes:
            return
        for number in range(keep - 1, 0, -1):
            older = path.with_name(f"{path.name}.{number}")
            if older.exists():
                older.replace(path.with_name(f"{path.name}.{number + 1}"))
        path.replace(path.with_name(f"{path.name}.1"))
    except OSError:
        pass  # a log that cannot be rotated is still appended to


def open_private_log(folder: Path) -> logging.Handler:
    """A handler appending to the log in `folder` (made 0700), the file made 0600 first."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        with contextlib.suppress(OSError):
            folder.chmod(0o700)
    path = folder / LOG_NAME
    rotate_log(path)
    # created 0600 before logging opens it, so it is never readable by others, not even briefly
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
    if os.name == "posix":
        with contextlib.suppress(OSError):
            path.chmod(0o600)
    return logging.FileHandler(path, encoding="utf-8")


def setup_logging(logger: logging.Logger, folder: Path) -> None:
    """Log to a private file in `folder` (stderr if it cannot be written)."""
    logger.setLevel(logging.INFO)
    try:
        handler = open_private_log(folder)
    except OSError:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(PrivateFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.handlers[:] = [handler]
