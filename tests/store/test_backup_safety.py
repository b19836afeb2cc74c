"""Backups that are old, newer, dated in the future or half-made never reach the live data."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from secondopinion_desktop.errors import KnownError
from secondopinion_desktop.paths import database_path, prepare_data_dir
from secondopinion_desktop.store import backups, migrations
from secondopinion_desktop.store.connection import Database
from secondopinion_desktop.store.database import connect, open_database
from tests.helpers.data_files import add_cases, titles

T0 = dt.datetime(2026, 11, 20, 14, 0, tzinfo=dt.UTC)


def old_schema_backup(tmp_path: Path, folder: Path) -> backups.Backup:
    """A backup made by an earlier version: every schema step but the last, one case."""
    older = connect(tmp_path / "older.db")
    migrations.apply(older, stop_before=migrations.known_names()[-1])
    add_cases(older, "From before the upgrade", 1)
    made = backups.make_backup(older.conn, folder, "before-upgrade", now=T0)
    older.close()
    return made


def live_schema(db: Database) -> tuple[list[str], int]:
    return migrations.pending_names(db), int(db.execute("PRAGMA user_version").fetchone()[0])


def test_restoring_a_backup_from_before_an_upgrade_brings_it_up_to_date(
    tmp_path: Path, data_dir: Path
) -> None:
    live = open_database(data_dir)
    made = old_schema_backup(tmp_path, data_dir)
    backups.restore_into(made, live.conn)
    assert live_schema(live) == ([], len(migrations.known_names()))
    assert "reminders" in live.table_names()
    assert [r["title"] for r in live.query("SELECT title FROM cases")] == [
        "From before the upgrade 0"
    ]
    live.close()
    assert sorted(p.name for p in made.path.parent.iterdir()) == [made.path.name]


def test_restoring_an_old_backup_at_start_brings_it_up_to_date(
    tmp_path: Path, data_dir: Path
) -> None:
    made = old_schema_backup(tmp_path, data_dir)
    path = database_path(data_dir)
    backups.restore_file(made, path)
    conn = Database(sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True))
    assert live_schema(conn) == ([], len(migrations.known_names()))
    conn.close()


def test_a_backup_from_a_newer_version_is_refused_and_nothing_changes(
    tmp_path: Path, data_dir: Path
) -> None:
    newer = open_database(prepare_data_dir(tmp_path / "newer"))
    newer.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
        [migrations.MIGRATION_SET, "9999_from_the_future", "2030-01-01"],
    )
    live = open_database(data_dir)
    add_cases(live, "Kept", 1)
    made = backups.make_backup(newer.conn, data_dir, "manual", now=T0)
    newer.close()
    with pytest.raises(KnownError, match="newer version"):
        backups.restore_into(made, live.conn)
    assert [r["title"] for r in live.query("SELECT title FROM cases")] == ["Kept 0"]
    live.close()


def test_a_backup_dated_in_the_future_neither_stops_daily_backups_nor_counts_as_newest(
    data_dir: Path,
) -> None:
    live = open_database(data_dir)
    add_cases(live, "Case", 2)
    wrong_clock = backups.make_backup(live.conn, data_dir, "daily", now=T0 + dt.timedelta(days=400))
    made = backups.backup_if_due(live.conn, data_dir, now=T0)
    assert made is not None, "the daily backup waited for a date a year ahead"
    assert backups.newest_good_backup(data_dir, T0) == made
    assert [b.path for b in backups.list_backups(data_dir, T0)] == [made.path, wrong_clock.path]
    assert backups.backup_if_due(live.conn, data_dir, now=T0 + dt.timedelta(hours=2)) is None
    live.close()


def test_checking_and_restoring_a_backup_leaves_nothing_beside_it(data_dir: Path) -> None:
    live = open_database(data_dir)
    add_cases(live, "Case", 2)
    made = backups.make_backup(live.conn, data_dir, "manual", now=T0)
    assert backups.is_good(made.path)
    assert backups.newest_good_backup(data_dir) == made
    backups.restore_into(made, live.conn)
    live.close()
    assert sorted(p.name for p in backups.backup_dir(data_dir).iterdir()) == [made.path.name]
    assert titles(made.path) == {"Case 0", "Case 1"}
