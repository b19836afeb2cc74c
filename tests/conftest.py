"""Shared fixtures: a private data folder per test, offscreen Qt, a fixed clock."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from secondopinion_desktop.store.database import memory_database, open_database
from secondopinion_desktop.store.repository import Repository

FIXED_NOW = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))


class FakeClock:
    """A clock tests move by hand."""

    def __init__(self, now: dt.datetime = FIXED_NOW) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += dt.timedelta(**kwargs)


QT_FIXTURES = {"qtbot", "qapp", "qtmodeltester"}
UI_TESTS = Path(__file__).parent / "ui"
# The offscreen platform cannot size windows to their hints and says so on every show().
OFFSCREEN_NOISE = r"^This plugin does not support propagateSizeHints\(\)$"


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
