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


def test_the_layout_written_out_for_the_start_is_what_the_migrations_make() -> None:
    """If this fails after adding a migration, put the numbers it prints into store/layout.py
    (KNOWN_STEPS, KNOWN). Until then the start compares item by item, slower but right."""
    from secondopinion_desktop.store import layout

    steps = len(migrations.known_names())
    made = layout.fingerprint(layout.made_layout(steps))
    assert (steps, made) == (layout.KNOWN_STEPS, layout.KNOWN)


def test_an_up_to_date_file_is_checked_without_sqlite_utils(tmp_path: Path) -> None:
    """The ordinary start must not import sqlite-utils (45 ms) to check the layout."""
    import subprocess
    import sys

    db = connect(tmp_path / "x.db")
    migrations.apply(db)
    db.close()
    script = (
        "import sqlite3, sys\n"
        "from secondopinion_desktop.store import layout, migrations\n"
        "from secondopinion_desktop.store.connection import Database\n"
        f"db = Database(sqlite3.connect({str(tmp_path / 'x.db')!r}))\n"
        "assert layout.start_problem(db.conn, migrations.applied_names(db)) is None\n"
        "print('sqlite_utils' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr


@pytest.mark.parametrize("stop", migrations.known_names()[1:])
def test_a_data_file_from_any_older_version_passes_the_start_check(
    tmp_path: Path, stop: str
) -> None:
    """The start checks a file before upgrading it: an older layout is compared with what
    its own migrations make, never refused for being old."""
    from secondopinion_desktop.store.layout import start_problem

    db = connect(tmp_path / "old.db")
    migrations.apply(db, stop_before=stop)
    assert start_problem(db.conn, migrations.applied_names(db)) is None
    db.execute("ALTER TABLE cases ADD COLUMN secret TEXT")
    assert "secret" in str(start_problem(db.conn, migrations.applied_names(db)))
    db.close()


def test_migrations_recorded_out_of_order_are_a_problem(tmp_path: Path) -> None:
    from secondopinion_desktop.store.layout import start_problem

    db = connect(tmp_path / "x.db")
    migrations.apply(db)
    assert start_problem(db.conn, migrations.known_names()[1:]) is not None
    db.close()
