"""store/layout.py: a database's layout compared with the one the migrations make."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from secondopinion_desktop.store import migrations
from secondopinion_desktop.store.database import connect
from secondopinion_desktop.store.layout import layout_of, layout_problem


@pytest.mark.parametrize("stop", [None, *migrations.known_names()[1:]])
def test_a_file_upgraded_from_any_older_layout_has_the_apps_layout(
    tmp_path: Path, stop: str | None
) -> None:
    """The check must never refuse the app's own old backups once they are brought up to date."""
    db = connect(tmp_path / "old.db")
    migrations.apply(db, stop_before=stop)
    migrations.apply(db)
    assert layout_problem(db.conn) is None
    db.close()


def test_what_differs_is_named_without_any_data(tmp_path: Path) -> None:
    db = connect(tmp_path / "x.db")
    migrations.apply(db)
    db.execute("INSERT INTO cases (title, created_at, updated_at) VALUES ('Mum', 'x', 'x')")
    db.execute("CREATE TRIGGER hidden AFTER INSERT ON cases BEGIN DELETE FROM cases; END")
    problem = layout_problem(db.conn)
    assert problem is not None and "hidden" in problem and "Mum" not in problem
    db.close()


def test_the_layout_is_read_by_structure_not_by_spelling() -> None:
    one = sqlite3.connect(":memory:")
    one.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
    other = sqlite3.connect(":memory:")
    other.execute('CREATE TABLE "t" (\n  [id] integer primary key,\n  "name" text not null\n)')
    assert layout_of(one) == layout_of(other)
