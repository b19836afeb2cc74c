"""Schema steps: from an empty file, re-run safely, and in order."""

from __future__ import annotations

from pathlib import Path

from secondopinion_desktop.paths import database_path
from secondopinion_desktop.store import migrations
from secondopinion_desktop.store.database import connect, open_database


def test_migrations_from_empty_file_create_the_schema(data_dir: Path) -> None:
    db = connect(database_path(data_dir))
    applied = migrations.apply(db)
    assert applied == migrations.known_names()
    assert {"cases", "step_progress", "doctors", "calls"} <= set(db.table_names())
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(migrations.known_names())
    db.close()


def test_rerunning_migrations_changes_nothing(data_dir: Path) -> None:
    db = connect(database_path(data_dir))
    migrations.apply(db)
    schema = sorted(r["sql"] or "" for r in db.query("SELECT sql FROM sqlite_master"))
    assert migrations.apply(db) == []
    assert migrations.apply(db) == []
    assert sorted(r["sql"] or "" for r in db.query("SELECT sql FROM sqlite_master")) == schema
    applied = migrations.applied_names(db)
    assert applied == migrations.known_names()
    db.close()


def test_open_database_twice_applies_each_migration_once(data_dir: Path) -> None:
    open_database(data_dir).close()
    db = open_database(data_dir)
    rows = list(db.query("SELECT name FROM _sqlite_migrations"))
    assert len(rows) == len(migrations.known_names())
    db.close()


def test_migration_names_are_numbered_in_order() -> None:
    names = migrations.known_names()
    numbers = [int(name.split("_", 1)[0]) for name in names]
    assert numbers == list(range(1, len(names) + 1))


def test_schema_has_cascading_foreign_keys(data_dir: Path) -> None:
    db = open_database(data_dir)
    for table, parent in (("step_progress", "cases"), ("doctors", "cases"), ("calls", "doctors")):
        keys = db.execute(f"PRAGMA foreign_key_list({table})").fetchall()
        assert any(k[2] == parent and k[6] == "CASCADE" for k in keys), table
    db.close()
