"""Scan copies that no saved row names: what a run killed mid-attach or mid-import left.

Attaching copies the file first and saves its row second; an import copies every file before
its one transaction. A kill in between leaves a whole copy that nothing refers to. At the next
start those copies are deleted, but only when no backup names them either: after a restore,
the live data no longer names scans attached later, while the backup made before the restore
still does, and it must stay restorable.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from pathlib import Path

from secondopinion_desktop.store import backups
from secondopinion_desktop.store.attachment_files import attachments_dir, return_set_aside
from secondopinion_desktop.store.connection import Database

# archive.STAGING_PREFIX, spelled out: archive (zipfile, hashlib) is not loaded at start
STAGING_PREFIX = ".importing-"


def _names(conn: sqlite3.Connection) -> set[str]:
    return {str(row[0]) for row in conn.execute("SELECT file_name FROM attachments")}


def _named_in_backups(folder: Path) -> set[str] | None:
    """Every file name any backup refers to; None when a backup cannot be read."""
    found: set[str] = set()
    for backup in backups.list_backups(folder):
        try:
            conn = sqlite3.connect(backups.read_only_uri(backup.path), uri=True)
            try:
                found |= _names(conn)
            finally:
                conn.close()
        except sqlite3.Error:
            return None  # unsure what it names: keep everything
    return found


def remove_unreferenced_attachments(db: Database, folder: Path) -> list[Path]:
    """Delete scan copies named by no row, live or backed up; returns what was removed."""
    return_set_aside(folder)  # a removed item's scans, kept for an undo that is gone now
    directory = attachments_dir(folder)
    if not directory.is_dir():
        return []
    removed: list[Path] = []
    for staging in directory.iterdir():  # an import's staging, never named
        if (
            staging.name.startswith(STAGING_PREFIX)
            and staging.is_dir()
            and not staging.is_symlink()
        ):
            shutil.rmtree(staging, ignore_errors=True)
            removed.append(staging)
    live = _names(db.conn)
    unnamed = [
        p
        for p in directory.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.name not in live
    ]
    if not unnamed:
        return removed
    in_backups = _named_in_backups(folder)
    if in_backups is None:
        return removed
    for path in unnamed:
        if path.name not in in_backups:
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed
