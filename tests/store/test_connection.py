"""The everyday database handle: commits, atomic blocks, savepoints, rows as dicts.

And the reason it exists: opening an up-to-date database must not import sqlite-utils.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secondopinion_desktop.paths import database_path
from secondopinion_desktop.store import migrations
from secondopinion_desktop.store.connection import Database
from secondopinion_desktop.store.database import open_database
from secondopinion_desktop.store.repository import Repository
from tests.helpers.clock import FakeClock

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
        "repo.cases.list()\n"
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


@pytest.fixture
def two(tmp_path: Path, clock: FakeClock) -> Iterator[tuple[Repository, Repository]]:
    """The app's repository and a second one on the same file that sees only what is committed."""
    folder = tmp_path / "data"
    folder.mkdir()
    writer = Repository(open_database(folder), clock)
    reader = Repository(open_database(folder), clock)
    yield writer, reader
    writer.db.close()
    reader.db.close()


def test_repository_writes_inside_an_outer_block_commit_together(
    two: tuple[Repository, Repository],
) -> None:
    repo, other = two
    case = repo.cases.create("Mum")
    with repo.db.atomic():
        repo.cases.set_step_done(case.id, 1, True)  # its own atomic() becomes a savepoint
        repo.cases.set_step_notes(case.id, 1, "told Dr Okafor")
        assert other.cases.step_progress(case.id)[1].notes == ""  # not visible before the commit
    assert other.cases.step_progress(case.id)[1].done
    assert other.cases.step_progress(case.id)[1].notes == "told Dr Okafor"
    assert not repo.db.conn.in_transaction


def test_an_error_after_repository_writes_undoes_them_all(
    two: tuple[Repository, Repository],
) -> None:
    repo, other = two
    case = repo.cases.create("Mum")
    with pytest.raises(RuntimeError), repo.db.atomic():
        repo.cases.set_step_done(case.id, 2, True)
        repo.cases.rename(case.id, "Renamed")
        raise RuntimeError("the import found a bad row")
    assert not repo.db.conn.in_transaction
    assert not other.cases.step_progress(case.id)[2].done
    assert other.cases.get(case.id).title == "Mum"
    # and the handle still works, in autocommit, afterwards
    repo.cases.set_step_done(case.id, 3, True)
    assert other.cases.step_progress(case.id)[3].done


def test_a_failing_repository_call_inside_a_block_keeps_the_rest(
    two: tuple[Repository, Repository],
) -> None:
    repo, other = two
    case = repo.cases.create("Mum")
    with repo.db.atomic():
        repo.cases.set_step_notes(case.id, 1, "kept")
        with pytest.raises(sqlite3.IntegrityError):
            repo.cases.set_step_done(999_999, 1, True)  # no such case: a foreign key refuses it
        repo.cases.set_step_notes(case.id, 2, "also kept")
    assert other.cases.step_progress(case.id)[1].notes == "kept"
    assert other.cases.step_progress(case.id)[2].notes == "also kept"
    assert other.cases.list()[0].id == case.id


def test_a_trigger_that_rolls_back_everything_leaves_a_usable_handle(
    two: tuple[Repository, Repository],
) -> None:
    repo, other = two
    case = repo.cases.create("Mum")
    repo.db.execute(
        "CREATE TEMP TRIGGER no_step_six BEFORE INSERT ON step_progress "
        "WHEN NEW.step = 6 BEGIN SELECT RAISE(ROLLBACK, 'no step six'); END"
    )
    with pytest.raises(sqlite3.IntegrityError, match="no step six"), repo.db.atomic():
        repo.cases.set_step_notes(case.id, 1, "lost with the rest")
        repo.cases.set_step_done(case.id, 6, True)  # the savepoint is gone with the transaction
    assert not repo.db.conn.in_transaction
    assert other.cases.step_progress(case.id)[1].notes == ""
    repo.cases.set_step_notes(case.id, 1, "written afterwards")
    assert other.cases.step_progress(case.id)[1].notes == "written afterwards"


def test_rows_read_inside_a_block_can_be_used_after_it(
    two: tuple[Repository, Repository],
) -> None:
    repo, _ = two
    for title in ("A", "B", "C"):
        repo.cases.create(title)
    with repo.db.atomic():
        rows = repo.db.query("SELECT title FROM cases ORDER BY title")
    assert [r["title"] for r in rows] == ["A", "B", "C"]


def test_paused_writes_are_refused_at_once_in_words_and_reads_go_on() -> None:
    """While a background job writes through its own connection, the window's connection
    refuses writes at once (not after the lock's timeout, as "database is locked")."""
    from secondopinion_desktop.store.connection import WritesPaused

    db = Database(sqlite3.connect(":memory:"))
    db.execute("CREATE TABLE notes (text TEXT)")
    db.pause_writes("Second Opinion is still restoring the backup. Please wait.")
    assert db.paused_words == "Second Opinion is still restoring the backup. Please wait."
    with pytest.raises(WritesPaused) as refused, db.atomic():
        db.execute("INSERT INTO notes VALUES ('lost?')")
    assert refused.value.message == db.paused_words
    assert not db.conn.in_transaction
    assert list(db.query("SELECT count(*) AS n FROM notes")) == [{"n": 0}]  # reading goes on
    db.resume_writes()
    assert db.paused_words is None
    with db.atomic():
        db.execute("INSERT INTO notes VALUES ('kept')")
    assert list(db.query("SELECT text FROM notes")) == [{"text": "kept"}]
