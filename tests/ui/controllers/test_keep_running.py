"""Keep reminding me when Second Opinion is closed: the offer, the setting, closing to the tray
(with and without one), quitting for real, starting hidden, and what fell due while away.

Whether the desktop has a tray is injected (ui.tray.system_tray_available); the entry that
starts the app at login is recorded, not written (platform_layer/test_autostart.py writes it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.services import reminders as reminder_service
from secondopinion_desktop.ui import messages, tray
from secondopinion_desktop.ui.controllers.keep_running import KEEP_KEY, OFFERED_KEY
from secondopinion_desktop.ui.main_window import MainWindow
from tests.helpers.clock import FakeClock
from tests.helpers.reminders import own
from tests.ui.conftest import AppSession

CaseMaker = Callable[..., Case]

# Offscreen, hiding and showing the window again says the platform ignores its size hints.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture(autouse=True)
def app_as_found() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.quitOnLastWindowClosed()
    yield
    app.setQuitOnLastWindowClosed(before)


@pytest.fixture
def tray_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tray, "system_tray_available", lambda: True)


@pytest.fixture
def no_tray(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tray, "system_tray_available", lambda: False)


class LoginAndQuit:
    """The start-at-login entry and the app's quit, as they were asked for."""

    def __init__(self) -> None:
        self.entries: list[bool] = []
        self.quits = 0

    def attach(self, window: MainWindow) -> MainWindow:
        keep = window.reminders.keep
        keep.start_at_login = self.entries.append
        keep.quit_app = self.quit
        return window

    def quit(self) -> None:
        self.quits += 1


@pytest.fixture
def recorder() -> LoginAndQuit:
    return LoginAndQuit()


def keep_on(session: AppSession) -> None:
    settings = session.open_repo() and session.settings_path()
    from PySide6.QtCore import QSettings

    stored = QSettings(str(settings), QSettings.Format.IniFormat)
    stored.setValue(KEEP_KEY, True)
    stored.setValue(OFFERED_KEY, True)
    stored.sync()


def test_closing_keeps_the_reminders_in_the_tray_and_quit_quits(
    tray_here: None, session: AppSession, make_case: CaseMaker, recorder: LoginAndQuit
) -> None:
    make_case()
    window = recorder.attach(session.open())
    keep = window.reminders.keep
    keep.action.trigger()  # Tools > Keep Reminding Me When Second Opinion Is Closed
    assert keep.keep and keep.action.isChecked() and recorder.entries == [True]
    assert window.reminders.tray.shown
    assert not QApplication.quitOnLastWindowClosed()
    window.close()
    assert not window.isVisible()  # hidden, not closed: the reminders keep running
    assert window.reminders.scheduler.running and recorder.quits == 0
    menu = window.reminders.tray
    assert menu.open_action is not None and menu.quit_action is not None
    assert menu.open_action.text().replace("&", "") == "Open Second Opinion"
    assert menu.quit_action.text().replace("&", "") == "Quit Second Opinion"
    menu.open_action.trigger()
    assert window.isVisible()
    window.close()
    menu.quit_action.trigger()  # Quit in the icon's menu
    assert recorder.quits == 1
    assert not window.isVisible() and not window.reminders.scheduler.running
    assert not menu.shown


def test_file_quit_really_quits(
    tray_here: None, session: AppSession, make_case: CaseMaker, recorder: LoginAndQuit
) -> None:
    make_case()
    keep_on(session)
    window = recorder.attach(session.open())
    assert window.reminders.tray.shown
    window.quit_action.trigger()
    assert recorder.quits == 1
    assert not window.isVisible() and not window.reminders.scheduler.running


def test_turning_it_off_removes_the_entry(
    tray_here: None, session: AppSession, make_case: CaseMaker, recorder: LoginAndQuit
) -> None:
    make_case()
    keep_on(session)
    window = recorder.attach(session.open())
    keep = window.reminders.keep
    assert keep.action.isChecked()
    keep.action.trigger()
    assert recorder.entries == [False] and not keep.keep
    assert QApplication.quitOnLastWindowClosed() and not window.reminders.tray.shown
    window.close()
    assert not window.reminders.scheduler.running  # closing closes again


def test_without_a_tray_closing_quits_and_the_calendar_is_offered(
    no_tray: None,
    session: AppSession,
    make_case: CaseMaker,
    recorder: LoginAndQuit,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_case()
    window = recorder.attach(session.open())
    keep = window.reminders.keep
    asked: list[str] = []
    chose: list[str] = []

    def answer(_parent: object, _title: str, text: str, yes: str, no: str = "") -> bool:
        asked.append(text)
        return yes.startswith("Export to Calendar")

    monkeypatch.setattr(messages, "ask_yes_no", answer)
    monkeypatch.setattr(messages, "choose_save_path", lambda *a: chose.append("asked") or "")
    keep.action.trigger()
    assert "no place beside the clock (a system tray)" in asked[0]
    assert chose == ["asked"]  # Export to Calendar offered instead
    assert not keep.keep and not keep.action.isChecked() and recorder.entries == []
    window.close()
    assert not window.reminders.scheduler.running


def test_a_tray_gone_since_the_setting_was_made_closing_closes(
    no_tray: None, session: AppSession, make_case: CaseMaker, recorder: LoginAndQuit
) -> None:
    make_case()
    keep_on(session)
    window = recorder.attach(session.open())
    window.close()
    assert not window.isVisible() and not window.reminders.scheduler.running


def test_offered_once_the_first_time_a_reminder_is_made(
    tray_here: None,
    session: AppSession,
    make_case: CaseMaker,
    recorder: LoginAndQuit,
    clock: FakeClock,
) -> None:
    case = make_case()
    window = recorder.attach(session.open())
    keep = window.reminders.keep
    assert keep.offer is None
    own(session.open_repo(), case.id, clock() + dt.timedelta(days=1), "Call the lab")
    window.reminders.scheduler.reminder_changed()  # as the reminders list does after adding
    offer = keep.offer
    assert offer is not None and offer.isVisible()
    assert "keep reminding you when its window is closed" in offer.label.text()
    assert offer.yes_button.accessibleName() and offer.no_button.accessibleName()
    offer.yes_button.click()
    assert keep.keep and recorder.entries == [True] and keep.offer is None
    window.quit_app()
    window = recorder.attach(session.restart())
    own(session.open_repo(), case.id, clock() + dt.timedelta(days=2), "Fax the form")
    window.reminders.scheduler.reminder_changed()
    assert window.reminders.keep.offer is None  # never again


def test_declining_the_offer_is_remembered(
    tray_here: None,
    session: AppSession,
    make_case: CaseMaker,
    recorder: LoginAndQuit,
    clock: FakeClock,
) -> None:
    case = make_case()
    window = recorder.attach(session.open())
    own(session.open_repo(), case.id, clock() + dt.timedelta(days=1))
    window.reminders.scheduler.reminder_changed()
    assert window.reminders.keep.offer is not None
    window.reminders.keep.offer.no_button.click()
    assert window.reminders.keep.offer is None and recorder.entries == []
    assert not window.reminders.keep.keep and window.reminders.keep.offered


def test_the_offer_without_a_tray_is_the_calendar(
    no_tray: None,
    session: AppSession,
    make_case: CaseMaker,
    recorder: LoginAndQuit,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    case = make_case()
    window = recorder.attach(session.open())
    own(session.open_repo(), case.id, clock() + dt.timedelta(days=1))
    window.reminders.scheduler.reminder_changed()
    offer = window.reminders.keep.offer
    assert offer is not None and "system tray" in offer.label.text()
    chose: list[str] = []
    monkeypatch.setattr(messages, "choose_save_path", lambda *a: chose.append("asked") or "")
    offer.yes_button.click()
    assert chose == ["asked"] and window.reminders.keep.offered


def test_started_hidden_at_login(
    tray_here: None, session: AppSession, make_case: CaseMaker, recorder: LoginAndQuit
) -> None:
    make_case()
    window = recorder.attach(session.open(show=False))
    assert not window.reminders.keep.start_hidden()  # the setting is off: do not stay
    assert recorder.entries == [False]  # and the entry left behind is removed
    session.close()
    keep_on(session)
    window = recorder.attach(session.open(show=False))
    assert window.reminders.keep.start_hidden()
    assert not window.isVisible() and window.reminders.tray.shown
    assert window.reminders.scheduler.running


def test_what_fell_due_while_away_is_shown_once_together(
    qtbot: QtBot, session: AppSession, make_case: CaseMaker, clock: FakeClock
) -> None:
    case = make_case()
    repo: Any = session.open_repo()
    own(repo, case.id, clock() - dt.timedelta(days=1), "Still to do from before")
    window = session.open()
    qtbot.waitUntil(lambda: window.reminders.popup_made and window.reminders.popup.isVisible())
    assert window.reminders.popup.heading.text() == "While you were away: 1 reminder"
    window.reminders.popup.close()
    session.close()  # the app ran until now
    clock.advance(days=3)
    repo = session.open_repo()
    for hours in (60, 30, 2):
        own(repo, case.id, clock() - dt.timedelta(hours=hours), f"Due {hours} hours ago")
    done = own(repo, case.id, clock() - dt.timedelta(hours=1), "Done already")
    reminder_service.set_done(repo, done.id, True)
    window = session.open()
    qtbot.waitUntil(lambda: window.reminders.popup_made and window.reminders.popup.isVisible())
    popup = window.reminders.popup
    assert popup.heading.text() == "While you were away: 3 reminders, and 1 from before"
    assert [c.reminder.title for c in popup.cards] == [
        "Still to do from before",
        "Due 60 hours ago",
        "Due 30 hours ago",
        "Due 2 hours ago",
    ]
    later = own(repo, case.id, clock() + dt.timedelta(seconds=1), "Later")
    clock.advance(seconds=2)
    window.reminders.scheduler.check()
    assert popup.heading.text() == "5 things to do now"  # the start's heading, once
    assert popup.card_for(later.id) is not None


def test_the_login_entry_opens_the_same_data_folder(session: AppSession) -> None:
    """Started with --data-dir, the entry made at login starts that folder too."""
    from PySide6.QtCore import QSettings

    from secondopinion_desktop.ui.controllers.keep_running import data_dir_of

    settings = QSettings(str(session.settings_path()), QSettings.Format.IniFormat)
    assert data_dir_of(settings) == session.folder
