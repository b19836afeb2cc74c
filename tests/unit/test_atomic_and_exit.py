"""The everyday database handle under Repository methods (nesting, failures), and `run()`,
which ends the process at once, with the command line's early exits and a failed start."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from secondopinion_desktop import __version__
from secondopinion_desktop.paths import database_path
from secondopinion_desktop.store.database import open_database
from secondopinion_desktop.store.repository import Repository
from tests.conftest import FakeClock

# --- atomic() under the repository -----------------------------------------------------------


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
    case = repo.create_case("Mum")
    with repo.db.atomic():
        repo.set_step_done(case.id, 1, True)  # its own atomic() becomes a savepoint
        repo.set_step_notes(case.id, 1, "told Dr Okafor")
        assert other.step_progress(case.id)[1].notes == ""  # not visible before the commit
    assert other.step_progress(case.id)[1].done
    assert other.step_progress(case.id)[1].notes == "told Dr Okafor"
    assert not repo.db.conn.in_transaction


def test_an_error_after_repository_writes_undoes_them_all(
    two: tuple[Repository, Repository],
) -> None:
    repo, other = two
    case = repo.create_case("Mum")
    with pytest.raises(RuntimeError), repo.db.atomic():
        repo.set_step_done(case.id, 2, True)
        repo.rename_case(case.id, "Renamed")
        raise RuntimeError("the import found a bad row")
    assert not repo.db.conn.in_transaction
    assert not other.step_progress(case.id)[2].done
    assert other.get_case(case.id).title == "Mum"
    # and the handle still works, in autocommit, afterwards
    repo.set_step_done(case.id, 3, True)
    assert other.step_progress(case.id)[3].done


def test_a_failing_repository_call_inside_a_block_keeps_the_rest(
    two: tuple[Repository, Repository],
) -> None:
    repo, other = two
    case = repo.create_case("Mum")
    with repo.db.atomic():
        repo.set_step_notes(case.id, 1, "kept")
        with pytest.raises(sqlite3.IntegrityError):
            repo.set_step_done(999_999, 1, True)  # no such case: a foreign key refuses it
        repo.set_step_notes(case.id, 2, "also kept")
    assert other.step_progress(case.id)[1].notes == "kept"
    assert other.step_progress(case.id)[2].notes == "also kept"
    assert other.list_cases()[0].id == case.id


def test_a_trigger_that_rolls_back_everything_leaves_a_usable_handle(
    two: tuple[Repository, Repository],
) -> None:
    repo, other = two
    case = repo.create_case("Mum")
    repo.db.execute(
        "CREATE TEMP TRIGGER no_step_six BEFORE INSERT ON step_progress "
        "WHEN NEW.step = 6 BEGIN SELECT RAISE(ROLLBACK, 'no step six'); END"
    )
    with pytest.raises(sqlite3.IntegrityError, match="no step six"), repo.db.atomic():
        repo.set_step_notes(case.id, 1, "lost with the rest")
        repo.set_step_done(case.id, 6, True)  # the savepoint is gone with the transaction
    assert not repo.db.conn.in_transaction
    assert other.step_progress(case.id)[1].notes == ""
    repo.set_step_notes(case.id, 1, "written afterwards")
    assert other.step_progress(case.id)[1].notes == "written afterwards"


def test_rows_read_inside_a_block_can_be_used_after_it(
    two: tuple[Repository, Repository],
) -> None:
    repo, _ = two
    for title in ("A", "B", "C"):
        repo.create_case(title)
    with repo.db.atomic():
        rows = repo.db.query("SELECT title FROM cases ORDER BY title")
    assert [r["title"] for r in rows] == ["A", "B", "C"]


# --- run(): the installed command ----------------------------------------------------------


def run_command(*args: str, script: str | None = None) -> subprocess.CompletedProcess[str]:
    code = script or (
        "import sys\n"
        "from secondopinion_desktop.app import run\n"
        "sys.argv = ['secondopinion-desktop', *sys.argv[1:]]\n"
        "run()\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        check=False,
    )


def test_run_with_version_and_help_exits_0_and_prints() -> None:
    result = run_command("--version")
    assert result.returncode == 0
    assert __version__ in result.stdout
    result = run_command("--help")
    assert result.returncode == 0
    assert "--data-dir" in result.stdout
    result = run_command("--step", "9")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_run_when_the_window_cannot_be_made_still_releases_and_closes(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    script = (
        "import sys\n"
        "import secondopinion_desktop.ui.main_window as window_module\n"
        "from secondopinion_desktop.app import run\n"
        "def broken(self, *args, **kwargs):\n"
        "    raise RuntimeError('a bug in the window')\n"
        "window_module.MainWindow.__init__ = broken\n"
        "sys.argv = ['secondopinion-desktop', *sys.argv[1:]]\n"
        "run()\n"
    )
    result = run_command(
        "--demo",
        "--data-dir",
        str(folder),
        "--screenshot",
        str(tmp_path / "shot.png"),
        script=script,
    )
    assert result.returncode != 0
    assert "Something went wrong inside Second Opinion" in result.stderr
    assert not (folder / ".secondopinion.lock").exists()
    assert not Path(f"{database_path(folder)}-wal").exists()
    db = open_database(folder)
    assert db.execute("SELECT count(*) FROM cases").fetchone()[0] == 1  # the demo, kept
    db.close()


def test_run_passes_on_the_exit_status_of_a_refused_start(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("hello")
    result = run_command(
        "--data-dir", str(not_a_folder), "--export-calendar", str(tmp_path / "c.ics")
    )
    assert result.returncode == 2
    assert "Second Opinion" in result.stderr
