"""Fixtures for the GUI tests: a window on a private data folder.

No modal ever waits (see `qt_guards` in tests/conftest.py). Case dialogs reach the window
through its `case_dialog_factory` and are faked here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.store.connection import Database
from secondopinion_desktop.store.database import open_database
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui.dialogs.case_dialog import CaseDetails
from secondopinion_desktop.ui.main_window import MainWindow
from tests.helpers.clock import FakeClock
from tests.helpers.fakes import DialogFactory


def details(
    patient_name: str = "Margaret Ellis",
    title: str = "Mum's second opinion",
    **changes: Any,
) -> CaseDetails:
    """What a person might type into the case dialog."""
    values: dict[str, Any] = {
        "title": title,
        "patient_name": patient_name,
        "date_of_birth": dt.date(1956, 4, 12),
        "diagnosis": "Invasive ductal carcinoma",
        "recommended_treatment": "Lumpectomy",
        "insurance_plan": "Bluebrook Health PPO",
        "insurance_member_id": "BBH-4471",
        "organiser_name": "Sarah Ellis",
        "organiser_phone": "(555) 201-7745",
        "notes": "",
    }
    values.update(changes)
    return CaseDetails(**values)


@pytest.fixture
def dialogs() -> DialogFactory:
    return DialogFactory()


class AppSession:
    """Opens the window on a data folder the way the app does, and can 'restart' it."""

    def __init__(
        self, qtbot: QtBot, folder: Path, clock: FakeClock, factory: DialogFactory
    ) -> None:
        self.qtbot = qtbot
        self.folder = folder
        self.clock = clock
        self.factory = factory
        self.db: Database | None = None
        self.repo: Repository | None = None
        self.settings: QSettings | None = None
        self.window: MainWindow | None = None

    def settings_path(self) -> Path:
        return self.folder / "settings.ini"

    def open_repo(self) -> Repository:
        if self.repo is None:
            self.db = open_database(self.folder)
            self.repo = Repository(self.db, self.clock)
        return self.repo

    def open(self, show: bool = True) -> MainWindow:
        assert self.window is None, "close the window first"
        repo = self.open_repo()
        self.settings = QSettings(str(self.settings_path()), QSettings.Format.IniFormat)
        window = MainWindow(repo, self.settings, case_dialog_factory=self.factory)
        self.qtbot.addWidget(window)
        if show:
            window.show()
            self.qtbot.waitExposed(window)
        self.window = window
        return window

    def close(self) -> None:
        """Close the window (saving as on quit) and the database, like quitting the app."""
        if self.window is not None:
            self.window.close()
            self.window = None
        if self.settings is not None:
            self.settings.sync()
            self.settings = None
        if self.db is not None:
            self.db.close()
            self.db = None
            self.repo = None

    def restart(self, show: bool = True) -> MainWindow:
        self.close()
        return self.open(show)


@pytest.fixture
def session(
    qtbot: QtBot, data_dir: Path, clock: FakeClock, dialogs: DialogFactory
) -> Iterator[AppSession]:
    app_session = AppSession(qtbot, data_dir, clock, dialogs)
    yield app_session
    app_session.close()


@pytest.fixture
def make_case(session: AppSession) -> Callable[..., Case]:
    """Create a case straight in the database (before the window opens)."""

    def make(title: str = "Mum's second opinion", **values: Any) -> Case:
        return session.open_repo().cases.create(title, **values)

    return make
