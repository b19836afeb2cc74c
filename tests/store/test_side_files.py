"""A -wal or -shm beside the database is merged only when it is the database's own.

Each case builds real data folders, puts another file beside the database as a copy or a
crash would, opens the folder as the app does, and compares the result byte for byte.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from secondopinion_desktop.errors import DamagedDatabaseError
from secondopinion_desktop.paths import database_path, prepare_data_dir
from secondopinion_desktop.store import backups
from secondopinion_desktop.store.database import open_database
from tests.helpers.data_files import crashed_copy, digest, made_folder, titles


def wal_of(folder: Path) -> Path:
    return Path(f"{database_path(folder)}-wal")


def quarantined(folder: Path) -> list[Path]:
    root = folder / "quarantine"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def open_and_close(folder: Path) -> None:
    open_database(folder).close()


def test_our_own_wal_after_a_crash_is_merged(tmp_path: Path) -> None:
    folder = crashed_copy(tmp_path, "ours", "Case", before=5, after=5)
    open_and_close(folder)
    assert {f"Case late {i}" for i in range(5)} <= titles(database_path(folder))
    assert quarantined(folder) == []


def test_a_wal_from_a_smaller_data_folder_is_quarantined(tmp_path: Path) -> None:
    ours = made_folder(tmp_path, "ours", "Ours", 300)
    expected = titles(database_path(ours))
    size = database_path(ours).stat().st_size
    other = crashed_copy(tmp_path, "other", "Theirs", before=2, after=2)
    shutil.copyfile(wal_of(other), wal_of(ours))
    foreign = digest(wal_of(ours))
    open_and_close(ours)
    assert titles(database_path(ours)) == expected
    assert database_path(ours).stat().st_size == size
    [kept] = quarantined(ours)
    assert kept.name == "secondopinion.db-wal" and digest(kept) == foreign


def test_a_wal_from_a_bigger_data_folder_is_quarantined(tmp_path: Path) -> None:
    ours = made_folder(tmp_path, "ours", "Ours", 3)
    expected = titles(database_path(ours))
    other = crashed_copy(tmp_path, "other", "Theirs", before=40, after=60)
    shutil.copyfile(wal_of(other), wal_of(ours))
    shutil.copyfile(wal_of(other), Path(f"{database_path(ours)}-shm"))  # any -shm goes too
    open_and_close(ours)
    assert titles(database_path(ours)) == expected
    assert [p.name for p in quarantined(ours)] == ["secondopinion.db-shm", "secondopinion.db-wal"]


def test_a_wal_from_another_programs_database_is_quarantined(tmp_path: Path) -> None:
    ours = made_folder(tmp_path, "ours", "Ours", 3)
    expected = titles(database_path(ours))
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other, isolation_level=None)
    conn.execute("PRAGMA journal_mode = wal")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("CREATE TABLE cases (title TEXT)")
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO cases VALUES (?)", [[f"not {i} " + "x" * 200] for i in range(2000)]
    )
    conn.execute("COMMIT")
    shutil.copyfile(f"{other}-wal", wal_of(ours))
    conn.close()
    open_and_close(ours)
    assert titles(database_path(ours)) == expected
    assert len(quarantined(ours)) == 1


@pytest.mark.parametrize("content", [b"", b"\0" * 100, b"not a log at all" * 500])
def test_a_wal_that_is_not_a_log_is_kept_aside_unless_empty(tmp_path: Path, content: bytes) -> None:
    from secondopinion_desktop.store.database import set_aside_foreign_side_files

    ours = made_folder(tmp_path, "ours", "Ours", 3)
    wal_of(ours).write_bytes(content)
    kept = set_aside_foreign_side_files(ours)
    assert (kept is None) == (content == b"")
    open_and_close(ours)
    assert titles(database_path(ours)) == {f"Ours {i}" for i in range(3)}


def test_the_quarantine_folder_is_dated_and_private(tmp_path: Path) -> None:
    from secondopinion_desktop.store.database import set_aside_foreign_side_files

    ours = made_folder(tmp_path, "ours", "Ours", 3)
    wal_of(ours).write_bytes(b"junk" * 100)
    kept = set_aside_foreign_side_files(ours)
    assert kept is not None and kept.parent == ours / "quarantine"
    assert len(kept.name) >= len("2026-11-30T170500") and kept.name[4] == "-"
    assert kept.stat().st_mode & 0o077 == 0


def test_a_damaged_database_keeps_its_own_wal_unchanged(tmp_path: Path) -> None:
    folder = crashed_copy(tmp_path, "damaged", "Case", before=200, after=5)
    path = database_path(folder)
    with path.open("r+b") as handle:  # damage pages in the middle of the file
        handle.seek(path.stat().st_size // 2)
        handle.write(b"\xff" * 40000)
    before = (digest(path), digest(wal_of(folder)))
    with pytest.raises(DamagedDatabaseError):
        open_database(folder)
    assert (digest(path), digest(wal_of(folder))) == before
    assert not Path(f"{path}-shm").exists()
    assert quarantined(folder) == []
    kept = backups.set_aside_damaged(path)
    assert digest(kept) == before[0] and digest(Path(f"{kept}-wal")) == before[1]


def make_backup_of(folder: Path) -> None:
    db = open_database(folder)
    backups.make_backup(db.conn, folder, "daily")
    db.close()


@pytest.mark.parametrize("how", ["missing", "zero bytes"])
def test_a_lost_database_in_a_folder_with_backups_is_damaged(tmp_path: Path, how: str) -> None:
    folder = made_folder(tmp_path, "ours", "Ours", 3)
    make_backup_of(folder)
    path = database_path(folder)
    if how == "missing":
        path.unlink()
    else:
        path.write_bytes(b"")
    with pytest.raises(DamagedDatabaseError, match="missing or empty"):
        open_database(folder)
    assert path.exists() == (how == "zero bytes")  # nothing created, nothing changed
    good = backups.newest_good_backup(folder)
    assert good is not None
    backups.set_aside_damaged(path)
    backups.restore_file(good, path)
    assert titles(path) == {f"Ours {i}" for i in range(3)}


def test_a_new_folder_without_backups_starts_empty(tmp_path: Path) -> None:
    folder = prepare_data_dir(tmp_path / "new")
    open_and_close(folder)
    assert titles(database_path(folder)) == set()
