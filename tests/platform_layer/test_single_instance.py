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
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from secondopinion_desktop.platform.single_instance import LOCK_NAME, WAIT_MS, SingleInstance


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
        "from secondopinion_desktop.platform.single_instance import SingleInstance\n"
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


@pytest.mark.needs_posix
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


ASK_SCRIPT = (
    "import sys\n"
    "from pathlib import Path\n"
    "from PySide6.QtCore import QCoreApplication\n"
    "from secondopinion_desktop.platform.single_instance import SingleInstance\n"
    "app = QCoreApplication([])\n"
    "second = SingleInstance(Path(sys.argv[1]))\n"
    "print(second.acquire(), second.ask_running_copy_to_show())\n"
)


def test_a_second_launch_during_a_slow_start_is_handed_over(qtbot: QtBot, data_dir: Path) -> None:
    first = SingleInstance(data_dir)
    assert first.acquire()
    second = subprocess.Popen(
        [sys.executable, "-c", ASK_SCRIPT, str(data_dir)],
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    try:
        # The first copy is opening a large database, building its window... a cold start
        # on a slow computer: the event loop (and so listen()) comes a while after the lock.
        started = time.monotonic()
        while time.monotonic() - started < WAIT_MS / 1000 + 1.0:
            QApplication.processEvents()
            time.sleep(0.02)
        first.listen()
        out, _ = second.communicate(timeout=15)
    finally:
        if second.poll() is None:
            second.kill()
        first.release()
    assert out.split() == ["False", "True"]


@pytest.mark.needs_posix
def test_the_server_listens_only_where_this_user_can_create_files(data_dir: Path) -> None:
    from secondopinion_desktop.platform.single_instance import server_name

    name = server_name(data_dir)
    assert name is not None
    place = Path(name).parent
    assert place == data_dir.resolve() or place.stat().st_mode & 0o077 == 0
    assert place.stat().st_uid == os.getuid()


@pytest.mark.needs_posix
def test_a_long_folder_path_uses_a_private_folder_not_a_shared_name(tmp_path: Path) -> None:
    from secondopinion_desktop.platform.single_instance import server_name

    deep = tmp_path / ("x" * 60) / ("y" * 60)
    deep.mkdir(parents=True, mode=0o700)
    name = server_name(deep)
    assert name is not None and len(os.fsencode(name)) <= 100
    place = Path(name).parent
    assert place.stat().st_uid == os.getuid() and place.stat().st_mode & 0o077 == 0


def test_a_knock_without_the_token_is_ignored(qtbot: QtBot, data_dir: Path) -> None:
    from PySide6.QtNetwork import QLocalSocket

    from secondopinion_desktop.platform.single_instance import server_name

    first = SingleInstance(data_dir)
    assert first.acquire()
    first.listen()
    shown: list[bool] = []
    first.activated.connect(lambda: shown.append(True))
    name = server_name(data_dir)
    assert name is not None
    for message in (b"show\n", b"0" * 64 + b" show\n"):
        stranger = QLocalSocket()
        stranger.connectToServer(name)
        assert stranger.waitForConnected(2000)
        stranger.write(message)
        stranger.waitForBytesWritten(1000)
        qtbot.waitUntil(
            lambda s=stranger: s.state() == QLocalSocket.LocalSocketState.UnconnectedState,
            timeout=3000,
        )
    assert shown == []
    second = SingleInstance(data_dir)
    assert not second.acquire()
    with qtbot.waitSignal(first.activated, timeout=3000):
        assert second.ask_running_copy_to_show()
    first.release()
    assert not (data_dir / ".secondopinion.token").exists()


def test_a_lock_file_naming_nobody_does_not_lock_the_person_out(data_dir: Path) -> None:
    """A start on a full disk leaves an empty lock file; once space is back, it is no lock."""
    lock = data_dir / LOCK_NAME
    lock.write_bytes(b"")
    os.utime(lock, (time.time() - 3600, time.time() - 3600))
    instance = SingleInstance(data_dir)
    assert instance.acquire()
    instance.release()


def test_a_lock_file_being_written_right_now_is_left_alone(data_dir: Path) -> None:
    (data_dir / LOCK_NAME).write_bytes(b"")  # another copy, an instant into its start
    instance = SingleInstance(data_dir)
    assert not instance.acquire()
    assert (data_dir / LOCK_NAME).exists()
