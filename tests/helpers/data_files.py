"""Real data folders for safety tests: filled, left as a crash leaves them, compared byte by byte.

Rows are written with plain SQL, so these helpers do not depend on the repository's shape.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

from secondopinion_desktop.paths import database_path, prepare_data_dir
from secondopinion_desktop.store.connection import Database
from secondopinion_desktop.store.database import open_database

NOW = "2026-11-20T09:30:00-05:00"


def add_cases(db: Database, prefix: str, count: int, notes_size: int = 2000) -> None:
    with db.atomic():
        for i in range(count):
            db.execute(
                "INSERT INTO cases (title, notes, created_at, updated_at) VALUES (?, ?, ?, ?)",
                [f"{prefix} {i}", "n" * notes_size, NOW, NOW],
            )


def titles(db_path: Path) -> set[str]:
    """The case titles in a database, read without changing anything beside it."""
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return {str(row[0]) for row in conn.execute("SELECT title FROM cases")}
    finally:
        conn.close()


def made_folder(root: Path, name: str, prefix: str, count: int) -> Path:
    """A data folder whose database holds `count` cases, closed cleanly (no -wal)."""
    folder = prepare_data_dir(root / name)
    db = open_database(folder)
    add_cases(db, prefix, count)
    db.close()
    return folder


def crashed_copy(root: Path, name: str, prefix: str, before: int, after: int) -> Path:
    """A folder as a crash leaves it: `before` cases checkpointed, `after` more only in -wal."""
    live = made_folder(root, f"{name}-live", prefix, before)
    db = open_database(live)
    db.execute("PRAGMA wal_autocheckpoint = 0")
    add_cases(db, f"{prefix} late", after)
    target = prepare_data_dir(root / name)
    for suffix in ("", "-wal"):
        shutil.copyfile(f"{database_path(live)}{suffix}", f"{database_path(target)}{suffix}")
    db.close()
    return target


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def add_scan_row(db: Database, name: str) -> None:
    """A scan row (on a new record of the first case) naming the copy `name`."""
    case_id = db.execute("SELECT min(id) FROM cases").fetchone()[0]
    record = db.execute(
        "INSERT INTO records (case_id, title, created_at, updated_at) "
        "VALUES (?, 'Scan', '2026-11-20', '2026-11-20')",
        [case_id],
    ).lastrowid
    db.execute(
        "INSERT INTO attachments (record_id, file_name, original_name, size, sha256, added_at) "
        "VALUES (?, ?, 'scan.pdf', 4, 'x', '2026-11-20')",
        [record, name],
    )
