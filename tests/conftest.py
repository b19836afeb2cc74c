"""Shared fixtures: a private data folder per test, offscreen Qt, a fixed clock."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from secondopinion_desktop.store.database import memory_database, open_database
from secondopinion_desktop.store.repository import Repository

# FakeClock lives in tests/helpers/clock.py; the names stay importable from here as before.
from tests.helpers.clock import FIXED_NOW as FIXED_NOW
from tests.helpers.clock import FakeClock as FakeClock

QT_FIXTURES = {"qtbot", "qapp", "qtmodeltester"}
UI_TESTS = Path(__file__).parent / "ui"
# The offscreen platform cannot size windows to their hints and says so on every show();
# an opened drop-down list (tests of the keyboard, #15) cannot raise or grab the keyboard.
OFFSCREEN_NOISE = (
    r"^This plugin does not support "
    r"(propagateSizeHints\(\)|raise\(\)|grabbing the keyboard|grabbing the mouse)$"
)


def uses_qt(item: pytest.Item) -> bool:
    """A test that uses a Qt fixture, or any test under tests/ui."""
    fixtures = set(getattr(item, "fixturenames", ()))
    return bool(QT_FIXTURES & fixtures) or UI_TESTS in Path(str(item.path)).parents


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark tests that use Qt fixtures as `gui` (select them with -m gui or -m 'not gui')."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if QT_FIXTURES & set(fixtures):
            item.add_marker(pytest.mark.gui)
        if uses_qt(item):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))
        for reason in platform_skips(item):
            item.add_marker(pytest.mark.skip(reason=reason))


def platform_skips(item: pytest.Item) -> list[str]:
    """Why this machine cannot run the test, from its `needs_*` markers (pyproject lists them).

    The one place platform checks live: a test says what it needs, never how to detect it.
    """
    reasons: list[str] = []
    if item.get_closest_marker("needs_posix") and os.name != "posix":
        reasons.append("needs POSIX signals and file permissions")
    if item.get_closest_marker("needs_linux") and not sys.platform.startswith("linux"):
        reasons.append("needs the Linux desktop")
    if item.get_closest_marker("needs_non_root") and os.name == "posix" and os.geteuid() == 0:
        reasons.append("root may write anywhere")
    for marker in item.iter_markers("needs_tool"):
        tool = marker.args[0]
        if shutil.which(tool) is None:
            reasons.append(f"{tool} is not installed")
    return reasons


def _unexpected_modal(*args: object, **kwargs: object) -> Any:
    raise AssertionError(f"unexpected modal: {args[1:]!r}")


@pytest.fixture(autouse=True)
def qt_guards(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """For tests that use Qt: no modal ever waits, and the application is left as found.

    Every modal goes through `secondopinion_desktop.ui.messages`; each of its functions is
    replaced by one that fails the test (a message box in a test would wait for ever), so a
    test that expects a question patches it again itself.

    The font and stylesheet a test may change (View > Larger Text) are put back, and the
    widgets pytest-qt closed are deleted: its `deleteLater()` is only carried out by a running
    event loop, so without this every window of every earlier test would be restyled on each
    font change. Tests without Qt never import it.
    """
    if not uses_qt(request.node):
        yield
        return
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from secondopinion_desktop.ui import messages

    for name in ("ask_yes_no", "show_error", "show_info", "show_about"):
        monkeypatch.setattr(messages, name, _unexpected_modal)
    qapp = request.getfixturevalue("qapp")
    font = qapp.font()
    sheet = qapp.styleSheet()
    yield
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qapp.setFont(font)
    qapp.setStyleSheet(sheet)


class NetworkUsed(AssertionError):
    """The app tried to reach the network, which it must never do."""


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any test in which anything tries to open an internet connection.

    Local (AF_UNIX) sockets stay allowed: the single-instance check uses them.
    """
    import socket

    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guarded(self: socket.socket, address: object) -> object:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            raise NetworkUsed(f"network connection attempted to {address!r}")
        return real_connect(self, address)  # type: ignore[arg-type]

    def guarded_ex(self: socket.socket, address: object) -> object:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            raise NetworkUsed(f"network connection attempted to {address!r}")
        return real_connect_ex(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_ex)
    monkeypatch.setattr(
        socket, "getaddrinfo", lambda *a, **k: (_ for _ in ()).throw(NetworkUsed(str(a)))
    )


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def repo(clock: FakeClock) -> Iterator[Repository]:
    db = memory_database()
    yield Repository(db, clock)
    db.close()


@pytest.fixture
def file_repo(data_dir: Path, clock: FakeClock) -> Iterator[Repository]:
    db = open_database(data_dir)
    yield Repository(db, clock)
    db.close()
