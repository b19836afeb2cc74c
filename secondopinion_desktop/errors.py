"""Errors caused by the person's computer or files, not by a bug in the app.

Each carries a message written for the person. Anything else that goes wrong is a bug: it is
logged in full and the person sees a calm, general message instead of a traceback.
"""

from __future__ import annotations


class KnownError(Exception):
    """A problem the person can understand and act on (a full disk, a damaged file)."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


class DataFolderError(KnownError):
    """The data folder cannot be created, read or written."""


class DamagedDatabaseError(KnownError):
    """The database file is damaged or is not a Second Opinion database."""


class NewerDatabaseError(KnownError):
    """The database was written by a newer version of Second Opinion."""


class DiskFullError(KnownError):
    """The disk is full: the last change was not saved; everything before it is safe."""


DISK_FULL_MESSAGE = (
    "Your computer's disk is full, so the last change could not be saved. Everything saved "
    "before it is safe.\n\nPlease free some space (for example, empty the wastebasket), then "
    "try again. What you typed is still on the screen."
)
READ_ONLY_MESSAGE = (
    "Second Opinion cannot write to its data folder any more, so the last change was not "
    "saved. Everything saved before it is safe.\n\nIf the data is on a USB stick or network "
    "drive, please check it is still connected."
)


def known_from_storage_error(error: BaseException) -> KnownError | None:
    """Words for the person when saving failed because of the disk, not because of a bug."""
    import errno
    import sqlite3

    text = str(error).lower()
    if isinstance(error, sqlite3.OperationalError | sqlite3.DatabaseError):
        if "full" in text:
            return DiskFullError(DISK_FULL_MESSAGE, str(error))
        if "readonly" in text or "read-only" in text or "disk i/o" in text:
            return KnownError(READ_ONLY_MESSAGE, str(error))
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(DISK_FULL_MESSAGE, str(error))
    return None
