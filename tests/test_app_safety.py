"""The real program at start and at the end: a full disk, SIGTERM, leftovers, foreign files.

Each test runs `python -m secondopinion_desktop` (or a small driver around `app.main`) in its
own process, with the log, temp folder and runtime folder inside the test's folder.
"""

from __future__ import annotations

import resource
import signal
import sqlite3
import textwrap
from pathlib import Path

import pytest

from secondopinion_desktop.paths import database_path
from secondopinion_desktop.store.database import open_database
from tests.helpers.data_files import add_scan_row, crashed_copy, made_folder, titles
from tests.helpers.real_app import log_dir, run_app, start_driver

pytestmark = pytest.mark.needs_posix


def no_room_to_write() -> None:
    """In the child: every write past 0 bytes fails, as on a full disk (EFBIG, not ENOSPC).

    A real full filesystem needs root (tmpfs, loop devices); RLIMIT_FSIZE makes every write
    of the real program fail the same way without one, Qt's lock file included.
    """
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))


def test_starting_with_no_room_to_write_says_the_disk_is_full(tmp_path: Path) -> None:
    folder = made_folder(tmp_path, "data", "Case", 2)
    result = run_app(
        tmp_path,
        "--data-dir",
        str(folder),
        "--screenshot",
        str(tmp_path / "s.png"),
        preexec_fn=no_room_to_write,
    )
    assert result.returncode == 2
    assert "disk is full" in result.stderr
    assert "already open" not in result.stderr
    assert titles(database_path(folder)) == {"Case 0", "Case 1"}


TYPE_THEN_WAIT = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QPlainTextEdit
    qapp = QApplication(sys.argv[:1])
    from secondopinion_desktop import app

    def type_notes():
        edits = [w for w in qapp.allWidgets() if isinstance(w, QPlainTextEdit)
                 and w.accessibleName().startswith("Notes for step") and w.isVisible()]
        if not edits:
            QTimer.singleShot(50, type_notes)
            return
        edits[0].setFocus()
        edits[0].insertPlainText(" typed just before the end")
        print("typed", flush=True)

    QTimer.singleShot(200, type_notes)
    sys.exit(app.main(["--data-dir", sys.argv[1], "--demo"]))
    """
)


def step_notes(folder: Path) -> str:
    conn = sqlite3.connect(f"{database_path(folder).as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return " ".join(str(row[0]) for row in conn.execute("SELECT notes FROM step_progress"))
    finally:
        conn.close()


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGHUP"])
def test_notes_typed_just_before_sigterm_are_saved(tmp_path: Path, signal_name: str) -> None:
    folder = tmp_path / "data"
    with start_driver(tmp_path, TYPE_THEN_WAIT, str(folder)) as child:
        assert child.stdout is not None
        line = child.stdout.readline()
        child.send_signal(getattr(signal, signal_name))  # well inside the 600 ms typing pause
        _out, err = child.communicate(timeout=30)
    assert line.strip() == "typed", err
    assert child.returncode == 0, err
    assert "typed just before the end" in step_notes(folder)
    assert not Path(f"{database_path(folder)}-wal").exists(), "closed without a checkpoint"


def test_the_demo_folder_is_removed_at_exit(tmp_path: Path) -> None:
    result = run_app(tmp_path, "--demo", "--screenshot", str(tmp_path / "s.png"))
    assert result.returncode == 0, result.stderr
    assert list((tmp_path / "tmp").iterdir()) == []


def test_what_a_killed_run_left_is_cleared_at_the_next_start(tmp_path: Path) -> None:
    folder = made_folder(tmp_path, "data", "Case", 2)
    (folder / "backups").mkdir(exist_ok=True)
    (folder / "attachments").mkdir(exist_ok=True)
    left = [
        folder / "backups" / "secondopinion-20261120T140000000000Z-daily.partial",
        folder / "backups" / ".secondopinion-secondopinion-20261121T1400Z-daily.partial",
        folder / "backups" / ".secondopinion-restore-ab12.partial",
        folder / "attachments" / ".incoming-abc123.pdf",
        folder / ".secondopinion-x1y2.partial",
        folder / ".secondopinion-probe.partial",
    ]
    for path in left:
        path.write_bytes(b"half")
    (folder / ".secondopinion-check-q.partial").mkdir()
    keep = folder / "attachments" / "0123456789abcdef-00aa.pdf"
    keep.write_bytes(b"%PDF-1.4 a scan")
    stray = folder / "attachments" / "imported-0123456789abcdef.pdf"  # a killed import's copy
    stray.write_bytes(b"%PDF-1.4 half an import")
    db = open_database(folder)
    add_scan_row(db, keep.name)
    db.close()
    result = run_app(tmp_path, "--data-dir", str(folder), "--screenshot", str(tmp_path / "s.png"))
    assert result.returncode == 0, result.stderr
    assert [p for p in left if p.exists()] == []
    assert not (folder / ".secondopinion-check-q.partial").exists()
    assert keep.read_bytes() == b"%PDF-1.4 a scan"
    assert not stray.exists()


def test_a_foreign_wal_is_moved_aside_and_the_person_told(tmp_path: Path) -> None:
    folder = made_folder(tmp_path, "data", "Ours", 200)
    other = crashed_copy(tmp_path, "other", "Theirs", before=1, after=1)
    Path(f"{database_path(folder)}-wal").write_bytes(
        Path(f"{database_path(other)}-wal").read_bytes()
    )
    result = run_app(tmp_path, "--data-dir", str(folder), "--screenshot", str(tmp_path / "s.png"))
    assert result.returncode == 0, result.stderr
    assert "did not belong" in result.stderr and "quarantine" in result.stderr
    assert titles(database_path(folder)) == {f"Ours {i}" for i in range(200)}
    log = (log_dir(tmp_path) / "secondopinion.log").read_text()
    assert "quarantine" in log
