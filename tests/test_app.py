"""The command line as a contract: version, screenshot, and clear start-up errors (exit 2)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from secondopinion_desktop import __version__
from secondopinion_desktop import app as app_module
from secondopinion_desktop.paths import database_path
from secondopinion_desktop.store import backups
from secondopinion_desktop.store.database import open_database
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui import messages
from tests.helpers.clock import FakeClock
from tests.pdf_text import read_pdf

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def run_app(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "secondopinion_desktop", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
    )


def test_version() -> None:
    result = run_app("--version")
    assert result.returncode == 0
    assert __version__ in result.stdout


def test_demo_screenshot_writes_a_png(tmp_path: Path) -> None:
    target = tmp_path / "shot.png"
    result = run_app(
        "--demo", "--data-dir", str(tmp_path / "d"), "--screenshot", str(target), "--step", "3"
    )
    assert result.returncode == 0, result.stderr
    assert target.read_bytes()[:8] == PNG_MAGIC
    assert "Traceback" not in result.stderr


def test_a_screenshot_leaves_the_saved_window_and_page_as_they_were(tmp_path: Path) -> None:
    """A person's window size, splitter and last page survive a screenshot at a made-up size."""
    folder = tmp_path / "d"
    shot = ("--demo", "--data-dir", str(folder), "--screenshot", str(tmp_path / "s.png"))
    assert run_app(*shot, "--step", "2").returncode == 0
    settings = folder / "settings.ini"
    text = settings.read_text(encoding="utf-8")
    assert "geometry" not in text and "/page=" not in text
    saved = text + "\n[window]\ngeometry=@ByteArray(kept)\n[case]\n1\\page=5\n"
    settings.write_text(saved, encoding="utf-8")
    assert run_app(*shot, "--step", "3").returncode == 0
    after = settings.read_text(encoding="utf-8")
    assert "geometry=@ByteArray(kept)" in after and "1\\page=5" in after


def test_demo_is_not_duplicated_on_second_run(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    for _ in range(2):
        assert (
            run_app(
                "--demo", "--data-dir", str(folder), "--screenshot", str(tmp_path / "s.png")
            ).returncode
            == 0
        )
    db = open_database(folder)
    titles = [row[0] for row in db.execute("SELECT title FROM cases ORDER BY id")]
    db.close()
    assert titles == ["Mum's second opinion", "Dad's second opinion"]  # both samples, once
    settings = (folder / "settings.ini").read_text(encoding="utf-8")
    assert "last_case_id=1" in settings  # the first sample is the one shown


def test_bad_step_number_is_refused() -> None:
    result = run_app("--screenshot", "x.png", "--step", "9")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_damaged_database_exits_2_with_message_and_keeps_file(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    path = database_path(folder)
    path.write_bytes(b"garbage" * 1000)
    result = run_app("--data-dir", str(folder), "--screenshot", str(tmp_path / "s.png"))
    assert result.returncode == 2
    assert "damaged" in result.stderr and "Traceback" not in result.stderr
    assert path.read_bytes() == b"garbage" * 1000
    assert not (tmp_path / "s.png").exists()


def test_newer_database_exits_2(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    open_database(folder).close()
    conn = sqlite3.connect(database_path(folder))
    conn.execute("PRAGMA user_version = 500")
    conn.close()
    result = run_app("--data-dir", str(folder), "--screenshot", str(tmp_path / "s.png"))
    assert result.returncode == 2
    assert "newer version" in result.stderr


@pytest.mark.needs_posix
@pytest.mark.needs_non_root
def test_unwritable_folder_exits_2(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    result = run_app("--data-dir", str(locked / "data"), "--screenshot", str(tmp_path / "s.png"))
    assert result.returncode == 2
    assert "could not create" in result.stderr.lower()


def test_data_dir_that_is_a_file_exits_2(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("hello")
    result = run_app("--data-dir", str(not_a_folder), "--screenshot", str(tmp_path / "s.png"))
    assert result.returncode == 2
    assert "Second Opinion" in result.stderr and "Traceback" not in result.stderr


# Loaded only when needed: each of these cost start-up time (tests/bench_speed.py).
NOT_AT_START = (
    "sqlite_utils",
    "click",
    "pluggy",
    "dateutil",
    "icalendar",
    "logging.handlers",
    "PySide6.QtNetwork",
    "PySide6.QtPrintSupport",
    "secondopinion_desktop.store.archive",
    "secondopinion_desktop.store.archive_rows",
    "secondopinion_desktop.domain.case_archive",
    "secondopinion_desktop.domain.archive_tables",
    "secondopinion_desktop.ui.dialogs.case_dialog",
    "secondopinion_desktop.ui.dialogs.reminder_dialog",
    "secondopinion_desktop.ui.dialogs.booking_dialog",
    "secondopinion_desktop.ui.dialogs.record_dialog",
    "secondopinion_desktop.printing.render",
    "secondopinion_desktop.ui.dialogs.call_dialog",
    "secondopinion_desktop.ui.dialogs.doctor_dialog",
    "secondopinion_desktop.ui.dialogs.script_dialog",
    "secondopinion_desktop.domain.candidate_import",
    "secondopinion_desktop.ui.date_entry",
    "secondopinion_desktop.ui.time_entry",
    "secondopinion_desktop.domain.typed_dates",
    "secondopinion_desktop.domain.clock_times",
    "secondopinion_desktop.domain.column_mapping",
    "secondopinion_desktop.demo",
    "secondopinion_desktop.demo_cases",
    "secondopinion_desktop.demo_types",
    "hashlib",
    "uuid",
    "secondopinion_desktop.ui.page_builder",  # the screenshot builds only its page, never ahead
)
# Qt classes nothing at start uses. PySide creates them all (about 70, 25 ms) when a Python
# override (a style's polish, an event filter) is handed one of Qt's private widgets: the
# looks are put on where widgets are made instead (ui/style.py).
NOT_MADE_AT_START = ("QWizard", "QMdiArea", "QLCDNumber", "QCalendarWidget", "QFontDialog")


@pytest.mark.parametrize("step", ["3", "4"])
def test_start_up_leaves_the_heavy_modules_unloaded(tmp_path: Path, step: str) -> None:
    folder = tmp_path / "d"
    assert run_app("--demo", "--data-dir", str(folder), "--screenshot", str(tmp_path / "a.png"))
    script = (
        "import sys\n"
        "from secondopinion_desktop.app import main\n"
        "code = main(sys.argv[1:])\n"
        f"print(','.join(m for m in {NOT_AT_START!r} if m in sys.modules))\n"
        "import PySide6.QtWidgets as widgets\n"
        f"print(','.join(c for c in {NOT_MADE_AT_START!r} if c in vars(widgets)))\n"
    )
    arguments = ["--demo", "--data-dir", str(folder), "--screenshot", str(tmp_path / "b.png")]
    result = subprocess.run(
        [sys.executable, "-c", script, *arguments, "--step", step],
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        check=True,
    )
    assert result.stdout.strip() == ""


def test_a_big_log_is_rotated_at_start_keeping_three(tmp_path: Path) -> None:
    from secondopinion_desktop.logs import rotate_log

    log = tmp_path / "secondopinion.log"
    for generation in range(5):
        log.write_text(f"generation {generation}\n" + "x" * 50)
        rotate_log(log, max_bytes=40, keep=3)
        assert not log.exists()
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert kept == ["secondopinion.log.1", "secondopinion.log.2", "secondopinion.log.3"]
    assert (tmp_path / "secondopinion.log.1").read_text().startswith("generation 4")
    assert (tmp_path / "secondopinion.log.3").read_text().startswith("generation 2")
    log.write_text("small")
    rotate_log(log, max_bytes=40, keep=3)
    assert log.read_text() == "small"


def test_quitting_leaves_everything_closed_and_saved(tmp_path: Path) -> None:
    """run() ends the process at once after the window closes: nothing may be left open."""
    folder = tmp_path / "data"
    script = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "import secondopinion_desktop.ui.main_window as window_module\n"
        "from secondopinion_desktop.app import run\n"
        "show = window_module.MainWindow.show\n"
        "import gc\n"
        "def show_then_close(self):\n"
        "    show(self)\n"
        "    QTimer.singleShot(450, lambda: print('collector on:', gc.isenabled(), flush=True))\n"
        "    QTimer.singleShot(500, self.close)\n"
        "window_module.MainWindow.show = show_then_close\n"
        "sys.argv = ['secondopinion-desktop', '--demo', '--data-dir', sys.argv[1]]\n"
        "print('about to run', flush=True)\n"
        "run()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "about to run" in result.stdout
    assert "collector on: True" in result.stdout  # held off while the window was built only
    assert not (folder / ".secondopinion.lock").exists()
    assert not Path(f"{database_path(folder)}-wal").exists()  # closed and checkpointed
    settings = (folder / "settings.ini").read_text()
    assert "geometry=" in settings and "last_case_id=" in settings
    daily = list((folder / "backups").glob("*daily*"))
    assert len(daily) == 1, "the day's backup is made once the window is up"
    db = open_database(folder)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


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
    assert db.execute("SELECT count(*) FROM cases").fetchone()[0] == 2  # the demo, kept
    db.close()


def test_run_passes_on_the_exit_status_of_a_refused_start(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("hello")
    result = run_command(
        "--data-dir", str(not_a_folder), "--export-calendar", str(tmp_path / "c.ics")
    )
    assert result.returncode == 2
    assert "Second Opinion" in result.stderr


def damage_with_good_backup(folder: Path) -> bytes:
    repo = Repository(open_database(folder), FakeClock())
    repo.cases.create("Safe in the backup")
    backups.make_backup(repo.db.conn, folder, "daily")
    repo.db.close()
    damaged = b"this file was damaged" * 300
    database_path(folder).write_bytes(damaged)
    return damaged


def test_damaged_database_restores_newest_backup_and_keeps_the_damaged_file(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged = damage_with_good_backup(data_dir)
    asked: list[bool] = []

    def choose(_parent: object, _text: str, can_restore: bool) -> str:
        asked.append(can_restore)
        return messages.RESTORE

    monkeypatch.setattr(messages, "choose_recovery", choose)
    opened = app_module.open_store(data_dir, interactive=True)
    assert isinstance(opened, tuple)
    _folder, db, instance = opened
    assert asked == [True]
    assert [c.title for c in Repository(db).cases.list()] == ["Safe in the backup"]
    kept = [p for p in data_dir.iterdir() if ".damaged-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    db.close()
    instance.release()


def test_damaged_database_quit_changes_nothing(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged = damage_with_good_backup(data_dir)
    monkeypatch.setattr(messages, "choose_recovery", lambda *a: messages.QUIT)
    monkeypatch.setattr(app_module, "report_error", lambda *a: None)
    assert app_module.open_store(data_dir, interactive=True) is None
    assert database_path(data_dir).read_bytes() == damaged


def test_damaged_database_can_open_another_folder(
    qtbot: QtBot, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damage_with_good_backup(data_dir)
    other = tmp_path / "elsewhere"
    monkeypatch.setattr(messages, "choose_recovery", lambda *a: messages.OTHER_FOLDER)
    monkeypatch.setattr(messages, "choose_folder", lambda *a: str(other))
    opened = app_module.open_store(data_dir, interactive=True)
    assert isinstance(opened, tuple)
    folder, db, instance = opened
    assert folder == other and database_path(other).exists()
    db.close()
    instance.release()


def test_non_interactive_never_asks(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damage_with_good_backup(data_dir)

    def boom(*_a: object) -> str:
        raise AssertionError("no dialog in non-interactive mode")

    monkeypatch.setattr(messages, "choose_recovery", boom)
    monkeypatch.setattr(app_module, "report_error", lambda *a: None)
    assert app_module.open_store(data_dir, interactive=False) is None


def test_export_cover_sheet_for_the_demo(tmp_path: Path) -> None:
    target = tmp_path / "cover.pdf"
    result = run_app(
        "--demo",
        "--data-dir",
        str(tmp_path / "d"),
        "--export-cover-sheet",
        str(target),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    info = read_pdf(target.read_bytes())
    assert info.pages == 1
    assert "Dr. Priya Raman" in info.flat and "Margaret Ellis" in info.flat
    assert "Decision needed by" in info.flat  # the demo's treating doctor has answered
    db = open_database(tmp_path / "d")
    repo = Repository(db)
    case = next(c for c in repo.cases.list() if c.title == "Mum's second opinion")  # shown
    doctor = repo.doctors.booked(case.id)
    assert doctor is not None
    from secondopinion_desktop.domain.records import cover_sheet_items

    enclosed = cover_sheet_items(repo.records.list(case.id), doctor.id)
    db.close()
    assert enclosed
    for item in enclosed:
        assert item.title in info.flat
    # the demo's faxed records are listed again, and the sheet says they were not confirmed
    faxed = [i for i in enclosed if i.awaiting_confirmation]
    assert faxed
    assert info.flat.count("not yet confirmed as received") == len(faxed)


def test_export_without_a_booked_doctor_exits_2_without_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    db = open_database(folder)
    Repository(db).cases.create("Mum", patient_name="Margaret Ellis")
    db.close()
    target = tmp_path / "cover.pdf"
    result = run_app("--data-dir", str(folder), "--export-cover-sheet", str(target), timeout=120)
    assert result.returncode == 2
    assert "No doctor is booked" in result.stderr and "Traceback" not in result.stderr
    assert not target.exists()


@pytest.mark.needs_linux
def test_started_hidden_with_the_setting_off_leaves_and_removes_its_entry(tmp_path: Path) -> None:
    """--hidden (start at login) when "Keep reminding me" is off: no window, exit 0 at once, and
    the start-at-login entry left behind is removed (keep_running.start_hidden)."""
    entry = tmp_path / "cfg" / "autostart" / "secondopinion-desktop.desktop"
    entry.parent.mkdir(parents=True)
    entry.write_text("[Desktop Entry]\n")
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "cfg"),
        HOME=str(tmp_path / "home"),
    )
    command = [sys.executable, "-m", "secondopinion_desktop", "--hidden"]
    result = subprocess.run(
        [*command, "--data-dir", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert not entry.exists()
