"""Opening the one SQLite database: checks, pragmas, permissions and migrations.

Nothing here ever overwrites or repairs a file it does not trust: a damaged or newer
database is refused with a message for the person, and the file is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from secondopinion_desktop.errors import (
    DamagedDatabaseError,
    DataFolderError,
    DiskFullError,
    KnownError,
    known_from_storage_error,
)
from secondopinion_desktop.paths import database_path
from secondopinion_desktop.store import migrations, side_files
from secondopinion_desktop.store.backups import list_backups, make_backup
from secondopinion_desktop.store.connection import Database
from secondopinion_desktop.store.files import TEMP_PREFIX, TEMP_SUFFIX

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
            "not a SQLite header",
        )


def _check_kind(path: Path) -> None:
    """The data file's name holds a readable file, or nothing: a shortcut to a missing file
    made a new, empty database wherever it pointed; a folder or a pipe there was read."""
    import stat

    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if not path.is_symlink():
            return  # a new folder: the file is made
        problem = "is a shortcut to a file that is not there (perhaps on a drive not plugged in)"
        detail = "dangling symlink"
    except OSError as exc:
        problem, detail = "cannot be reached", sqlite_error_kind(exc)
    else:
        if stat.S_ISREG(mode):
            if os.access(path, os.R_OK | os.W_OK):
                return
            problem, detail = "cannot be read or changed by you", "no read or write permission"
        elif stat.S_ISDIR(mode):
            problem, detail = "is a folder, not a file", "a directory"
        else:
            problem, detail = "is not an ordinary file", f"file type {stat.S_IFMT(mode):o}"
    raise DataFolderError(
        f"Second Opinion's data file {problem}:\n{path}\n\n"
        "Nothing has been changed. Please put the file back as it was (or connect its "
        "drive), then start Second Opinion again.",
        detail,
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
            "quick_check failed",
        )


def _check_is_ours(db: Database, path: Path) -> None:
    tables = set(db.table_names())
    if tables and migrations.MIGRATIONS_TABLE not in tables:
        raise DamagedDatabaseError(
            f"This folder holds a database that does not belong to Second Opinion:\n{path}\n\n"
            "It has not been changed. Please choose another folder.",
            f"{len(tables)} tables, no migrations table",
        )


def _check_missing(path: Path, folder: Path) -> None:
    """A missing or empty database where backups exist was lost, not never made."""
    if path.exists() and path.stat().st_size > 0:
        return
    if list_backups(folder):
        raise DamagedDatabaseError(
            f"Second Opinion's data file is missing or empty:\n{path}\n\n"
            "Nothing has been changed. Your backups are still there.",
            "missing" if not path.exists() else "zero bytes",
        )


def _check_layout(db: Database, path: Path) -> None:
    """The file's tables, columns, indexes and triggers are exactly what its migrations make:
    another program's tables beside a migrations table were migrated into, a dropped column
    failed every read with 'Something went wrong', a trigger ran on every change."""
    from secondopinion_desktop.store.layout import start_problem

    if not db.table_names():
        return  # a new file: the migrations make its layout
    problem = start_problem(db.conn, migrations.applied_names(db))
    if problem is not None:
        raise DamagedDatabaseError(
            "The data file in this folder was changed by another program, or is another "
            f"program's file, so Second Opinion cannot use it safely:\n{path}\n\n"
            "It has not been changed. Please restore a backup, or choose another folder.",
            f"layout differs: {problem}",
        )


def _run_checks(db: Database, path: Path) -> None:
    _check_integrity(db, path)
    _check_is_ours(db, path)
    migrations.check_not_newer(db)
    _check_layout(db, path)


def _check_immutable(path: Path) -> None:
    """Check the file alone (any -wal ignored); reads it and creates nothing beside it."""
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    db = Database(sqlite3.connect(uri, uri=True, isolation_level=None))
    try:
        _run_checks(db, path)
    finally:
        db.close()


def _check_with_wal(path: Path) -> None:
    """Check the database as its -wal would make it, on a private copy of the pair."""
    wal, _shm = side_files.side_paths(path)
    checking = Path(
        tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}check-", suffix=TEMP_SUFFIX, dir=path.parent)
    )
    try:
        copy = checking / path.name
        shutil.copyfile(path, copy)
        shutil.copyfile(wal, Path(f"{copy}-wal"))
        db = Database(sqlite3.connect(str(copy), isolation_level=None))
        try:
            _run_checks(db, path)
        finally:
            db.close()
    finally:
        shutil.rmtree(checking, ignore_errors=True)


def _has_wal(path: Path) -> bool:
    wal, _shm = side_files.side_paths(path)
    return wal.is_file() and wal.stat().st_size > 0


def set_aside_foreign_side_files(folder: Path) -> Path | None:
    """Quarantine a -wal/-shm that is not this database's own; returns where it went.

    First by what the -wal says about itself (side_files). Then by its effect: a database
    that passes its checks alone but fails them with the -wal merged was given someone
    else's log. A database that fails alone is damaged: it is kept with its -wal, unchanged.
    """
    path = database_path(folder)
    kept = side_files.set_aside_foreign(path)
    if kept is not None or not _has_wal(path) or not path.is_file():
        return kept
    try:
        _check_with_wal(path)
        return None
    except (KnownError, sqlite3.DatabaseError):
        pass
    try:
        _check_immutable(path)
    except (KnownError, sqlite3.DatabaseError):
        return None  # damaged on its own: the pair stays together for the recovery
    present = [side for side in side_files.side_paths(path) if side.exists()]
    return side_files.quarantine(folder, present)


def check_read_only(path: Path) -> None:
    """Check the database without writing a byte beside it (no -wal, -shm or journal).

    Without a -wal, the file alone is the database: it is opened `immutable`, which reads it
    and creates nothing. With its own -wal (after a crash), the pair is copied into a private
    temp folder and checked there, so the merged state is what is checked and the originals
    stay exactly as they were (a damaged pair is kept as a pair).
    """
    if _has_wal(path):
        _check_with_wal(path)
    else:
        _check_immutable(path)


def stamp_identity(db: Database) -> None:
    """Give the database its own random id in its header, which side_files compares."""
    if db.execute("PRAGMA application_id").fetchone()[0] == 0:
        db.execute(f"PRAGMA application_id = {side_files.new_identity()}")


def open_database(folder: Path) -> Database:
    """Open (or create) the database in the data folder, checked and migrated.

    Before anything is written: a -wal that is not this database's own is quarantined
    (side_files), a missing or empty file in a folder with backups is refused as damaged,
    and the file is checked read-only (`check_read_only`).
    """
    path = database_path(folder)
    old_umask = os.umask(0o077) if os.name == "posix" else None
    try:
        _check_kind(path)
        set_aside_foreign_side_files(folder)
        _check_missing(path, folder)
        if path.exists() and path.stat().st_size > 0:
            _check_header(path)
            check_read_only(path)
        db = connect(path)
        try:
            db.enable_wal()
            stamp_identity(db)
            migrations.check_not_newer(db)
            if migrations.pending_names(db) and "cases" in db.table_names():
                make_backup(db.conn, folder, "before-upgrade")
            migrations.apply(db)
        except BaseException:
            db.close()
            raise
    except KnownError:
        raise
    except sqlite3.OperationalError as exc:
        raise _known_open_error(exc, path) from exc
    except sqlite3.DatabaseError as exc:
        raise DamagedDatabaseError(
            f"The data file is damaged or is not a Second Opinion file:\n{path}\n\n"
            "It has not been changed. Please restore a backup or open another folder.",
            sqlite_error_kind(exc),
        ) from exc
    except OSError as exc:
        raise _known_open_error(exc, path) from exc
    finally:
        if old_umask is not None:
            os.umask(old_umask)
    _restrict_permissions(path)
    return db


def sqlite_error_kind(exc: BaseException) -> str:
    """An error's kind for the log: SQLite's error name or the errno, never its text."""
    name = getattr(exc, "sqlite_errorname", None)
    if name:
        return str(name)
    number = getattr(exc, "errno", None)
    return f"{type(exc).__name__} errno {number}" if number else type(exc).__name__


def _known_open_error(exc: BaseException, path: Path) -> KnownError:
    full = known_from_storage_error(exc)
    if isinstance(full, DiskFullError):
        return DiskFullError(
            "Your computer's disk is full, so Second Opinion cannot open its data.\n\n"
            "Nothing has been changed. Please free some space (for example, empty the "
            "wastebasket), then start Second Opinion again.",
            sqlite_error_kind(exc),
        )
    if "locked" in str(exc) or "busy" in str(exc):
        return KnownError(
            "Second Opinion's data is in use by another program right now.\n\n"
            "Please close the other copy of Second Opinion and try again.",
            sqlite_error_kind(exc),
        )
    return DataFolderError(
        f"Second Opinion could not open its data file:\n{path}\n\n"
        "Please check that the drive is connected and has free space.",
        sqlite_error_kind(exc),
    )
