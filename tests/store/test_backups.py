"""Backups: made with the backup API, rotated, checked, restored; damaged files kept aside."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest

from secondopinion_desktop.errors import KnownError
from secondopinion_desktop.paths import database_path
from secondopinion_desktop.store import backups, migrations
from secondopinion_desktop.store.database import connect, open_database
from secondopinion_desktop.store.repository import Repository
from tests.helpers.clock import FakeClock

T0 = dt.datetime(2026, 11, 20, 14, 0, tzinfo=dt.UTC)


def titles(repo: Repository) -> list[str]:
    return [c.title for c in repo.cases.list()]


def test_backup_copies_the_live_database(file_repo: Repository, data_dir: Path) -> None:
    file_repo.cases.create("Before backup")
    made = backups.make_backup(file_repo.db.conn, data_dir, "manual", now=T0)
    assert made.path.parent == data_dir / "backups"
    assert made.reason == "manual"
    assert backups.is_good(made.path)
    if os.name == "posix":
        assert stat.S_IMODE(made.path.stat().st_mode) == 0o600
    copy = Repository(connect(made.path), FakeClock())
    assert titles(copy) == ["Before backup"]
    copy.db.close()


def test_rotation_keeps_the_newest(file_repo: Repository, data_dir: Path) -> None:
    for i in range(6):
        backups.make_backup(file_repo.db.conn, data_dir, keep=3, now=T0 + dt.timedelta(hours=i))
    kept = backups.list_backups(data_dir)
    assert len(kept) == 3
    assert [b.made_at for b in kept] == [T0 + dt.timedelta(hours=h) for h in (5, 4, 3)]


def test_daily_backup_only_when_the_last_is_a_day_old(
    file_repo: Repository, data_dir: Path
) -> None:
    assert backups.backup_if_due(file_repo.db.conn, data_dir, now=T0) is not None
    assert (
        backups.backup_if_due(file_repo.db.conn, data_dir, now=T0 + dt.timedelta(hours=23)) is None
    )
    assert backups.backup_if_due(file_repo.db.conn, data_dir, now=T0 + dt.timedelta(days=1))


def test_restore_into_the_live_connection(file_repo: Repository, data_dir: Path) -> None:
    file_repo.cases.create("Keep me")
    saved = backups.make_backup(file_repo.db.conn, data_dir, now=T0)
    file_repo.cases.delete(file_repo.cases.list()[0].id)
    file_repo.cases.create("Mistake")
    backups.restore_into(saved, file_repo.db.conn)
    assert titles(file_repo) == ["Keep me"]
    assert file_repo.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_restore_end_to_end_survives_reopening(data_dir: Path) -> None:
    repo = Repository(open_database(data_dir), FakeClock())
    case = repo.cases.create("Original")
    repo.cases.set_step_done(case.id, 1, True)
    saved = backups.make_backup(repo.db.conn, data_dir, now=T0)
    repo.cases.rename(case.id, "Changed later")
    backups.restore_into(saved, repo.db.conn)
    repo.db.close()
    again = Repository(open_database(data_dir), FakeClock())
    assert titles(again) == ["Original"]
    assert again.cases.done_steps(case.id) == {1}
    again.db.close()


def test_damaged_backups_are_skipped(file_repo: Repository, data_dir: Path) -> None:
    good = backups.make_backup(file_repo.db.conn, data_dir, now=T0)
    bad = backups.make_backup(file_repo.db.conn, data_dir, now=T0 + dt.timedelta(hours=1))
    bad.path.write_bytes(b"not a database at all" * 100)
    assert not backups.is_good(bad.path)
    assert backups.newest_good_backup(data_dir) == good
    with pytest.raises(KnownError):
        backups.restore_into(bad, file_repo.db.conn)


def test_set_aside_keeps_damaged_bytes_and_restore_file(data_dir: Path) -> None:
    repo = Repository(open_database(data_dir), FakeClock())
    repo.cases.create("Safe")
    saved = backups.make_backup(repo.db.conn, data_dir, now=T0)
    repo.db.close()
    path = database_path(data_dir)
    path.write_bytes(b"garbage" * 512)
    kept = backups.set_aside_damaged(path, now=T0)
    assert kept.read_bytes() == b"garbage" * 512
    assert not path.exists()
    backups.restore_file(saved, path)
    again = Repository(open_database(data_dir), FakeClock())
    assert titles(again) == ["Safe"]
    again.db.close()


def test_a_backup_is_made_before_every_migration(data_dir: Path) -> None:
    db = connect(database_path(data_dir))
    names = migrations.known_names()
    migrations.apply(db, stop_before=names[1])
    db.execute("PRAGMA user_version = 1")
    db.execute("INSERT INTO cases (title, created_at, updated_at) VALUES ('old data', 'n', 'n')")
    db.close()
    open_database(data_dir).close()
    made = backups.list_backups(data_dir)
    assert [b.reason for b in made] == ["before upgrade"]
    old = connect(made[0].path)
    assert [r["name"] for r in old.query("SELECT name FROM _sqlite_migrations")] == names[:1]
    old.close()


def test_no_backup_for_a_brand_new_database(data_dir: Path) -> None:
    open_database(data_dir).close()
    assert backups.list_backups(data_dir) == []


def test_foreign_files_in_the_backup_folder_are_ignored(data_dir: Path) -> None:
    folder = data_dir / "backups"
    folder.mkdir()
    (folder / "notes.txt").write_text("hello")
    (folder / "secondopinion-garbage.db").write_text("x")
    assert backups.list_backups(data_dir) == []


# What a stranger can do to a backup that still passes SQLite's integrity check. Each was
# restored: a trigger then deleted every other case as soon as one was added, a table rebuilt
# without its columns made every read fail and the next start stop.
ALTERED_BACKUPS = {
    "a trigger that deletes": (
        "CREATE TRIGGER wipe AFTER INSERT ON cases BEGIN DELETE FROM cases WHERE id <> new.id; END"
    ),
    "a table rebuilt without its columns": (
        "ALTER TABLE cases RENAME TO old_cases; CREATE TABLE cases (id INTEGER PRIMARY KEY, "
        "title TEXT); INSERT INTO cases SELECT id, title FROM old_cases; DROP TABLE old_cases"
    ),
    "a table dropped": "DROP TABLE doctors",
    "a view in a table's place": (
        "ALTER TABLE doctors RENAME TO real_doctors; "
        "CREATE VIEW doctors AS SELECT * FROM real_doctors"
    ),
    "an index that was unique made plain": "",  # filled below, from the layout itself
    "an extra column": "ALTER TABLE cases ADD COLUMN extra BLOB",
}


def _alter(path: Path, script: str) -> None:
    import sqlite3

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")
    if not script:  # make the first unique index a plain one
        name, _table, sql = conn.execute(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' "
            "AND sql LIKE 'CREATE UNIQUE%' ORDER BY name"
        ).fetchone()
        script = f"DROP INDEX [{name}]; {sql.replace('UNIQUE ', '', 1)}"
    conn.executescript(script)
    conn.close()
    assert backups.is_good(path)


@pytest.mark.parametrize("script", ALTERED_BACKUPS.values(), ids=ALTERED_BACKUPS.keys())
def test_a_backup_whose_layout_was_changed_is_refused_and_changes_nothing(
    file_repo: Repository, data_dir: Path, script: str
) -> None:
    file_repo.cases.create("Mum")
    saved = backups.make_backup(file_repo.db.conn, data_dir, now=T0)
    file_repo.cases.create("Dad")
    _alter(saved.path, script)
    before = sorted(p.name for p in data_dir.rglob("*"))
    with pytest.raises(KnownError, match="changed outside Second Opinion") as refused:
        backups.restore_into(saved, file_repo.db.conn)
    assert refused.value.message.endswith("Please choose another.")
    file_repo.cases.create("Sis")
    assert titles(file_repo) == ["Dad", "Mum", "Sis"]
    assert sorted(p.name for p in data_dir.rglob("*")) == before
    with pytest.raises(KnownError, match="changed outside Second Opinion"):
        backups.restore_file(saved, data_dir / "elsewhere.db")
    assert not (data_dir / "elsewhere.db").exists()


def test_a_backup_from_before_an_upgrade_still_has_the_right_layout(data_dir: Path) -> None:
    """The check compares the layout after the upgrade: an old backup's own is older."""
    db = connect(database_path(data_dir))
    migrations.apply(db, stop_before=migrations.known_names()[-3])
    db.execute(
        "INSERT INTO cases (title, created_at, updated_at) "
        "VALUES ('Old', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')"
    )
    old = backups.make_backup(db.conn, data_dir, now=T0)
    db.close()
    other = data_dir / "other"
    other.mkdir()
    backups.restore_file(old, database_path(other))
    again = Repository(open_database(other), FakeClock())
    assert titles(again) == ["Old"]
    again.db.close()


def test_a_damaged_start_offers_the_newest_backup_that_would_restore(data_dir: Path) -> None:
    """The newest backup, changed outside the program, was offered at a damaged start and
    then refused, file after file: each start offered it again, never the good one before."""
    import sqlite3

    repo = Repository(open_database(data_dir), FakeClock())
    repo.cases.create("Safe")
    good = backups.make_backup(repo.db.conn, data_dir, now=T0)
    altered = backups.make_backup(repo.db.conn, data_dir, now=T0 + dt.timedelta(days=1))
    repo.db.close()
    conn = sqlite3.connect(altered.path)
    conn.execute("CREATE TRIGGER t AFTER INSERT ON cases BEGIN DELETE FROM cases; END")
    conn.commit()
    conn.close()
    later = T0 + dt.timedelta(days=2)
    before = sorted(p.name for p in data_dir.rglob("*"))
    assert backups.newest_good_backup(data_dir, later) == good
    assert sorted(p.name for p in data_dir.rglob("*")) == before  # checking left nothing
