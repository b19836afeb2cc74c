"""Opening the database: pragmas, permissions, refusing damaged, foreign and newer files."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from secondopinion_desktop.errors import DamagedDatabaseError, NewerDatabaseError
from secondopinion_desktop.paths import database_path
from secondopinion_desktop.store import migrations
from secondopinion_desktop.store.database import connect, open_database


def test_creates_database_in_wal_mode_with_foreign_keys(data_dir: Path) -> None:
    db = open_database(data_dir)
    assert database_path(data_dir).exists()
    assert db.journal_mode == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    db.close()


def test_every_connection_has_foreign_keys_on(data_dir: Path) -> None:
    open_database(data_dir).close()
    db = connect(database_path(data_dir))
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    db.close()


@pytest.mark.needs_posix
def test_database_files_are_private(data_dir: Path) -> None:
    db = open_database(data_dir)
    db.execute("INSERT INTO cases (title, created_at, updated_at) VALUES ('x', 'n', 'n')")
    for suffix in ("", "-wal", "-shm"):
        path = Path(f"{database_path(data_dir)}{suffix}")
        if path.exists():
            assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path
    db.close()


def test_reopening_keeps_data(data_dir: Path) -> None:
    db = open_database(data_dir)
    db.execute("INSERT INTO cases (title, created_at, updated_at) VALUES ('kept', 'n', 'n')")
    db.close()
    db = open_database(data_dir)
    assert [r["title"] for r in db.query("SELECT title FROM cases")] == ["kept"]
    db.close()


def test_text_file_is_refused_and_left_untouched(data_dir: Path) -> None:
    path = database_path(data_dir)
    path.write_bytes(b"these are my shopping notes, not a database\n" * 20)
    before = path.read_bytes()
    with pytest.raises(DamagedDatabaseError) as info:
        open_database(data_dir)
    assert "not been changed" in info.value.message
    assert path.read_bytes() == before


def test_truncated_database_is_refused_and_left_untouched(data_dir: Path) -> None:
    db = open_database(data_dir)
    for i in range(200):
        db.execute(
            "INSERT INTO cases (title, notes, created_at, updated_at) VALUES (?, ?, 'n', 'n')",
            [f"case {i}", "x" * 500],
        )
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    path = database_path(data_dir)
    data = path.read_bytes()
    damaged = data[:4096] + b"\xff" * 4096 + data[8192:]
    path.write_bytes(damaged)
    with pytest.raises(DamagedDatabaseError):
        open_database(data_dir)
    assert path.read_bytes() == damaged


def test_foreign_sqlite_database_is_refused(data_dir: Path) -> None:
    conn = sqlite3.connect(database_path(data_dir))
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(DamagedDatabaseError) as info:
        open_database(data_dir)
    assert "does not belong" in info.value.message
    conn = sqlite3.connect(database_path(data_dir))
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["recipes"]
    conn.close()


def test_database_from_newer_version_is_refused_not_downgraded(data_dir: Path) -> None:
    db = open_database(data_dir)
    db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
        [migrations.MIGRATION_SET, "9999_from_the_future", "2030-01-01"],
    )
    db.close()
    before = database_path(data_dir).read_bytes()
    with pytest.raises(NewerDatabaseError) as info:
        open_database(data_dir)
    assert "newer version" in info.value.message
    assert database_path(data_dir).read_bytes() == before


def test_newer_user_version_is_refused(data_dir: Path) -> None:
    db = open_database(data_dir)
    db.execute("PRAGMA user_version = 999")
    db.close()
    with pytest.raises(NewerDatabaseError):
        open_database(data_dir)


def test_empty_file_is_treated_as_new(data_dir: Path) -> None:
    database_path(data_dir).write_bytes(b"")
    db = open_database(data_dir)
    assert "cases" in db.table_names()
    db.close()
