"""A read off the window's thread outlives whoever asked for it safely: an owner let go while
its read runs (a scheduler in a test, a page closed) is kept until the result arrives, and an
owner Qt deleted meanwhile (its window closed) is not called. Once, a child of the owner
carried the result and was deleted with it as the worker emitted: the test run crashed."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject, QThreadPool
from pytestqt.qtbot import QtBot

from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui.background_reads import read_in_background, reading_in_background


def held_read(go: threading.Event) -> object:
    def read(repo: Repository) -> int:
        go.wait(5)
        return len(repo.cases.list())

    return read


def test_an_owner_let_go_while_its_read_runs_hears_the_result(
    qtbot: QtBot, file_repo: Repository
) -> None:
    file_repo.cases.create("Dad")
    go = threading.Event()
    heard: list[object] = []
    owner = QObject()  # no parent: Python alone holds it
    assert read_in_background(owner, file_repo, held_read(go), heard.append, lambda: None)
    del owner
    gc.collect()
    go.set()
    qtbot.waitUntil(lambda: heard == [1], timeout=5000)
    qtbot.waitUntil(lambda: not reading_in_background(), timeout=5000)
    qtbot.wait(20)  # the carrier's deletion runs


def test_an_owner_qt_deleted_while_its_read_runs_is_not_called(
    qtbot: QtBot, file_repo: Repository
) -> None:
    go = threading.Event()
    heard: list[object] = []
    window = QObject()
    owner = QObject(window)  # Qt's: deleted with its parent
    assert read_in_background(owner, file_repo, held_read(go), heard.append, lambda: None)
    window.deleteLater()
    qtbot.wait(20)
    go.set()
    QThreadPool.globalInstance().waitForDone(5000)
    qtbot.wait(50)
    assert heard == []


def test_a_read_that_fails_says_so_on_the_windows_thread(
    qtbot: QtBot, file_repo: Repository
) -> None:
    """A read that raises (here: the table it reads is not there) reports `failed` in the
    window's thread, never a traceback."""
    failed: list[bool] = []
    owner = QObject()

    def broken(repo: Repository) -> None:
        repo.db.execute("SELECT * FROM no_such_table")

    assert read_in_background(
        owner, file_repo, broken, lambda _r: None, lambda: failed.append(True)
    )
    qtbot.waitUntil(lambda: failed == [True], timeout=5000)
