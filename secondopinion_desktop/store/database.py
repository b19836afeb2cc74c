"""Opening the one SQLite database: checks, pragmas, permissions and migrations.

Nothing here ever overwrites or repairs a file it does not trust: a damaged or newer
database is refused with a message for the person, and the file is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from secondopinion_desktop.errors import DamagedDatabaseError, DataFolderError, KnownError
from secondopinion_desktop.paths import database_path
from secondopinion_desktop.store import migrations
from secondopinion_desktop.store.backups import make_backup
from secondopinion_desktop.store.connection import Database

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_SECONDS = 5.0


def connect(path: Path | str) -> Database:
    """A connection with the pragmas every connection needs (foreign keys on)."""
    db = Database.connect(path, timeout=BUSY_TIMEOUT_SECONDS)
    db.execute("PRAGMA foreign_keys = ON")
    return db


def memory_database() -> Database:
    """An in-memory database with the current schema, for tests and tools."""
    db = connect(":memory:")
    migrations.apply(db)
    return db


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DataFolderError(
            f"Second Opinion could not read its data file:\n{path}\n\n"
            "Please check that you may read and write this folder.",
            str(exc),
        ) from exc
    if header and header != SQLITE_HEADER:
        raise DamagedDatabaseError(
            f"The data file is not a Second Opinion file, or it is damaged:\n{path}\n\n"
            "It has not been changed. Please open another folder, or restore a backup.",
            f"header {header!r}",
        )


def _restrict_permissions(path: Path) -> None:
    if os.name != "posix":
        return
    for suffix in ("", "-wal", "-shm"):
        candidate = Path(f"{path}{suffix}")
        if candidate.exists():
            with contextlib.suppress(OSError):
                candidate.chmod(0o600)


def _check_integrity(db: Database, path: Path) -> None:
    result = db.execute("PRAGMA quick_check").fetchone()[0]
    if result != "ok":
        raise DamagedDatabaseError(
            f"The data file is damaged:\n{path}\n\n"
            "It has not been changed. Please restore a backup or open another folder.",
            f"quick_check: {result}",
        )


def _check_is_ours(db: Database, path: Path) -> None:
    tables = set(db.table_names())
    if tables and migrations.MIGRATIONS_TABLE not in tables:
        raise DamagedDatabaseError(
            f"This folder holds a database that does not belong to Second Opinion:\n{path}\n\n"
            "It has not been changed. Please choose another folder.",
            f"tables: {sorted(tables)[:10]}",
        )


def open_database(folder: Path) -> Database:
    """Open (or create) the database in the data folder, checked and migrated."""
    path = database_path(folder)
    if path.exists():
        _check_header(path)
    old_umask = os.umask(0o077) if os.name == "posix" else None
    try:
        db = connect(path)
        try:
            _check_integrity(db, path)
            _check_is_ours(db, path)
            migrations.check_not_newer(db)
            db.enable_wal()
            if migrations.pending_names(db) and "cases" in db.table_names():
                make_backup(db.conn, folder, "before-upgrade")
            migrations.apply(db)
        except BaseException:
            db.close()
            raise
    except KnownError:
        raise
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise KnownError(
                "Second Opinion's data is in use by another program right now.\n\n"
                "Please close the other copy of Second Opinion and try again.",
                str(exc),
            ) from exc
        raise DataFolderError(
            f"Second Opinion could not open its data file:\n{path}\n\n"
            "Please check that the drive is connected and has free space.",
            str(exc),
        ) from exc
    except sqlite3.DatabaseError as exc:
        raise DamagedDatabaseError(
            f"The data file is damaged or is not a Second Opinion file:\n{path}\n\n"
            "It has not been changed. Please restore a backup or open another folder.",
            str(exc),
        ) from exc
    finally:
        if old_umask is not None:
            os.umask(old_umask)
    _restrict_permissions(path)
    return db
