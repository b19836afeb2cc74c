"""The everyday database handle: commits, atomic blocks, savepoints, rows as dicts.

And the reason it exists: opening an up-to-date database must not import sqlite-utils.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secondopinion_desktop.paths import database_path
from secondopinion_desktop.store import migrations
from secondopinion_desktop.store.connection import Database
from secondopinion_desktop.store.database import open_database

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Database, Database]:
    """A writer and a second connection that sees only what the writer committed."""
    path = tmp_path / "t.db"
    writer = Database.connect(path, timeout=1)
    writer.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    return writer, Database.connect(path, timeout=1)


def count(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM t").fetchone()[0])


def test_a_write_outside_atomic_is_committed_at_once(pair: tuple[Database, Database]) -> None:
    writer, reader = pair
    writer.execute("INSERT INTO t (v) VALUES (?)", ["a"])
    assert not writer.conn.in_transaction
    assert count(reader) == 1


def test_atomic_commits_all_or_nothing(pair: tuple[Database, Database]) -> None:
    writer, reader = pair
    with writer.atomic():
        writer.execute("INSERT INTO t (v) VALUES ('a')")
        writer.execute("INSERT INTO t (v) VALUES ('b')")
    assert count(reader) == 2
    with pytest.raises(RuntimeError), writer.atomic():
        writer.execute("INSERT INTO t (v) VALUES ('c')")
        raise RuntimeError("boom")
    assert not writer.conn.in_transaction
    assert count(reader) == 2


def test_nested_atomic_rolls_back_only_the_inner_block(pair: tuple[Database, Database]) -> None:
    writer, reader = pair
    with writer.atomic():
        writer.execute("INSERT INTO t (v) VALUES ('outer')")
        with pytest.raises(sqlite3.IntegrityError), writer.atomic():
            writer.execute("INSERT INTO t (v) VALUES ('inner')")
            writer.execute("INSERT INTO t (id, v) VALUES (1, 'duplicate id')")
    assert [r["v"] for r in reader.query("SELECT v FROM t ORDER BY id")] == ["outer"]


def test_failed_statement_leaves_no_open_transaction(pair: tuple[Database, Database]) -> None:
    writer, _ = pair
    with pytest.raises(sqlite3.OperationalError):
        writer.execute("INSERT INTO missing (v) VALUES (1)")
    assert not writer.conn.in_transaction


def test_query_gives_dicts_and_refuses_statements_without_rows(
    pair: tuple[Database, Database],
) -> None:
    writer, _ = pair
    writer.execute("INSERT INTO t (v) VALUES (:v)", {"v": "x"})
    assert list(writer.query("SELECT id, v FROM t")) == [{"id": 1, "v": "x"}]
    with pytest.raises(ValueError, match="returns rows"):
        writer.query("UPDATE t SET v = 'y'")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(max_size=200), max_size=20))
def test_any_text_goes_in_and_comes_back(values: list[str]) -> None:
    db = Database.connect(":memory:", timeout=1)
    db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    with db.atomic():
        for value in values:
            db.execute("INSERT INTO t (v) VALUES (?)", [value])
    assert [r["v"] for r in db.query("SELECT v FROM t ORDER BY id")] == values
    db.close()


def test_wal_and_table_names(tmp_path: Path) -> None:
    db = Database.connect(tmp_path / "w.db", timeout=1)
    db.enable_wal()
    db.enable_wal()
    assert db.journal_mode == "wal"
    db.execute("CREATE TABLE a (x)")
    assert db.table_names() == ["a"]


def test_upgrade_runs_the_pending_steps_only(tmp_path: Path) -> None:
    db = Database.connect(tmp_path / "u.db", timeout=1)
    names = migrations.known_names()
    assert migrations.apply(db, stop_before=names[-1]) == names[:-1]
    assert migrations.pending_names(db) == names[-1:]
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(names) - 1
    assert migrations.apply(db) == names[-1:]
    assert migrations.applied_names(db) == names
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(names)


def test_opening_an_up_to_date_database_does_not_import_sqlite_utils(tmp_path: Path) -> None:
    open_database(tmp_path).close()
    assert database_path(tmp_path).exists()
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from secondopinion_desktop.store.database import open_database\n"
        "from secondopinion_desktop.store.repository import Repository\n"
        "repo = Repository(open_database(Path(sys.argv[1])))\n"
        "repo.list_cases()\n"
        "heavy = sorted(m for m in ('sqlite_utils', 'click', 'pluggy', 'dateutil')"
        " if m in sys.modules)\n"
        "print(','.join(heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert result.stdout.strip() == ""
