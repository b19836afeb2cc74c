"""One running copy per data folder, stale locks after a crash, and recovering a damaged file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from secondopinion_desktop import app as app_module
from secondopinion_desktop.paths import database_path
from secondopinion_desktop.store import backups
from secondopinion_desktop.store.database import open_database
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.single_instance import LOCK_NAME, SingleInstance
from tests.conftest import FakeClock


def test_second_copy_cannot_take_the_folder_and_asks_the_first(
    qtbot: QtBot, data_dir: Path
) -> None:
    first = SingleInstance(data_dir)
    assert first.acquire()
    first.listen()
    second = SingleInstance(data_dir)
    assert not second.acquire()
    with qtbot.waitSignal(first.activated, timeout=3000):
        assert second.ask_running_copy_to_show()
    first.release()
    third = SingleInstance(data_dir)
    assert third.acquire()
    third.release()


def test_a_copy_not_listening_yet_is_asked_until_it_answers(qtbot: QtBot, data_dir: Path) -> None:
    first = SingleInstance(data_dir)
    assert first.acquire()
    QTimer.singleShot(400, first.listen)  # still starting when the second launch asks
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from secondopinion_desktop.ui.single_instance import SingleInstance\n"
        "app = QCoreApplication([])\n"
        "print(SingleInstance(Path(sys.argv[1])).ask_running_copy_to_show())\n"
    )
    second = subprocess.Popen(
        [sys.executable, "-c", script, str(data_dir)],
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    with qtbot.waitSignal(first.activated, timeout=5000):
        pass
    out, _ = second.communicate(timeout=10)
    first.release()
    assert out.strip() == "True"


def test_nobody_answering_gives_up_after_a_while(qtbot: QtBot, data_dir: Path) -> None:
    first = SingleInstance(data_dir)
    assert first.acquire()  # holds the folder but never listens
    second = SingleInstance(data_dir)
    started = time.monotonic()
    assert not second.ask_running_copy_to_show(wait_s=1.0)
    assert time.monotonic() - started < 5
    first.release()


def test_nobody_holding_the_folder_means_no_waiting(qtbot: QtBot, data_dir: Path) -> None:
    started = time.monotonic()
    assert not SingleInstance(data_dir).ask_running_copy_to_show()  # default: up to 15 s
    assert time.monotonic() - started < 2


def test_different_folders_do_not_block_each_other(qtbot: QtBot, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    first, second = SingleInstance(a), SingleInstance(b)
    assert first.acquire() and second.acquire()
    first.release()
    second.release()


def test_stale_lock_from_a_dead_process_is_taken_over(qtbot: QtBot, data_dir: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    (data_dir / LOCK_NAME).write_text(f"{dead.stdout.strip()}\npython\n{os.uname().nodename}\n")
    instance = SingleInstance(data_dir)
    assert instance.acquire()
    instance.release()


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_killed_app_leaves_a_lock_the_next_start_recovers(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    running = subprocess.Popen(
        [sys.executable, "-m", "secondopinion_desktop", "--data-dir", str(folder)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while not (folder / LOCK_NAME).exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert (folder / LOCK_NAME).exists()
        second = subprocess.run(
            [
                sys.executable,
                "-m",
                "secondopinion_desktop",
                "--data-dir",
                str(folder),
                "--screenshot",
                str(tmp_path / "s.png"),
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert second.returncode == 2
        assert "already open" in second.stderr
    finally:
        running.send_signal(signal.SIGKILL)
        running.wait(timeout=10)
    third = subprocess.run(
        [
            sys.executable,
            "-m",
            "secondopinion_desktop",
            "--data-dir",
            str(folder),
            "--screenshot",
            str(tmp_path / "s.png"),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert third.returncode == 0, third.stderr
    assert (tmp_path / "s.png").exists()


def damage_with_good_backup(folder: Path) -> bytes:
    repo = Repository(open_database(folder), FakeClock())
    repo.create_case("Safe in the backup")
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
    assert [c.title for c in Repository(db).list_cases()] == ["Safe in the backup"]
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
