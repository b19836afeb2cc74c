"""Backups the person asks for: one made now, and going back to an earlier one.

The window never holds the SQLite connection: these take the repository and hand its
connection to store/backups.py, which copies with SQLite's online backup API.
"""

from __future__ import annotations

from secondopinion_desktop.services.changes import Changes, Kind
from secondopinion_desktop.store import backups
from secondopinion_desktop.store.backups import Backup
from secondopinion_desktop.store.repository import Repository

__all__ = ["Backup", "back_up_now", "list_backups", "restore_backup"]


def back_up_now(repo: Repository) -> Backup | None:
    """Copy the data into backups/ now; None for a database with no folder (in memory).

    KnownError (in words) when the copy cannot be made; the data itself is untouched.
    """
    folder = repo.data_folder()
    if folder is None:
        return None
    return backups.make_backup(repo.db.conn, folder, "by hand")


def list_backups(repo: Repository) -> list[Backup]:
    """The backups there are to go back to, newest first (none for a database in memory)."""
    folder = repo.data_folder()
    return [] if folder is None else backups.list_backups(folder)


def restore_backup(repo: Repository, chosen: Backup) -> Changes:
    """Go back to `chosen`, keeping a backup of the data as it is now first (so it can return).

    Every case may have changed, so the result names every kind with no one case.
    KnownError when either step fails; a damaged backup is refused before anything changes.
    """
    folder = repo.data_folder()
    if folder is None:
        return Changes()
    backups.make_backup(repo.db.conn, folder, "before restore")
    backups.restore_into(chosen, repo.db.conn)
    return Changes(None, frozenset(Kind))
