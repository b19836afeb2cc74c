"""Backups the person asks for: one made now, and going back to an earlier one.

The window never holds the SQLite connection: these take the repository and hand its
connection to store/backups.py, which copies with SQLite's online backup API.
"""

from __future__ import annotations

from secondopinion_desktop.services.changes import Changes, Kind
from secondopinion_desktop.services.progress import Progress, no_progress, uncancellable
from secondopinion_desktop.store import backups
from secondopinion_desktop.store.backups import Backup
from secondopinion_desktop.store.repository import Repository

__all__ = ["Backup", "back_up_now", "list_backups", "restore_backup"]


def back_up_now(repo: Repository, progress: Progress = no_progress) -> Backup | None:
    """Copy the data into backups/ now; None for a database with no folder (in memory).

    KnownError (in words) when the copy cannot be made; the data itself is untouched.
    A `Cancelled` raised by `progress` leaves no backup and no temp file.
    """
    folder = repo.data_folder()
    if folder is None:
        return None
    return backups.make_backup(repo.db.conn, folder, "by hand", progress=progress)


def list_backups(repo: Repository) -> list[Backup]:
    """The backups there are to go back to, newest first (none for a database in memory)."""
    folder = repo.data_folder()
    return [] if folder is None else backups.list_backups(folder)


def restore_backup(repo: Repository, chosen: Backup, progress: Progress = no_progress) -> Changes:
    """Go back to `chosen`, keeping a backup of the data as it is now first (so it can return).

    Every case may have changed, so the result names every kind with no one case.
    KnownError when either step fails; a damaged backup is refused before anything changes.
    Cancel (a `Cancelled` raised by `progress`) is heard while the backup is checked and
    prepared and the present data is backed up; the last step, the copy into the live data,
    is one transaction that is not stopped half-way (it reports, but no longer cancels).
    """
    folder = repo.data_folder()
    if folder is None:
        return Changes()
    copy = backups.prepared_copy(chosen, folder, progress)
    try:
        backups.make_backup(repo.db.conn, folder, "before restore", progress=progress)
        backups.restore_prepared(copy, repo.db.conn, uncancellable(progress))
    finally:
        backups.remove_quietly(copy)
    return Changes(None, frozenset(Kind))
