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
