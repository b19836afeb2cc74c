"""The reminders controller: reminders in the main window, the tray, the Tools menu, and the
reminder window made only when first needed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.appointments import Appointment
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.reminders import Reminder
from secondopinion_desktop.ui import messages
from tests.helpers.clock import FakeClock
from tests.helpers.reminders import own
from tests.ui.conftest import AppSession

CaseMaker = Callable[..., Case]


def _own(repo: Any, case_id: int, due: dt.datetime, title: str) -> Reminder:
    saved: Reminder = repo.reminders.add(Reminder(id=0, case_id=case_id, title=title, due_at=due))
    return saved


def test_bringing_the_window_back_does_not_make_the_reminder_window(
    session: AppSession, make_case: CaseMaker
) -> None:
    make_case()
    window = session.open()
    controller = window.reminders
    assert not controller.popup_made
    window.showMinimized()
    controller.bring_back()
    assert not controller.popup_made
    assert not window.isMinimized()
    controller.scheduler.reminders_changed.emit()  # a change in the reminders, nothing to drop
    assert not controller.popup_made


def test_a_reminder_due_before_the_window_exists_then_bring_back(
    qtbot: QtBot, session: AppSession, make_case: CaseMaker, clock: FakeClock
) -> None:
    case = make_case()
    window = session.open()
    controller = window.reminders
    assert not controller.popup_made
    told: list[tuple[str, str]] = []
    controller.notify = lambda title, text: told.append((title, text)) or True
    window.hide()
    reminder = _own(session.open_repo(), case.id, clock(), "Phone the lab")
    controller.scheduler.due.emit([reminder])
    assert controller.popup_made
    popup = controller.popup
    assert [c.reminder.id for c in popup.cards] == [reminder.id]
    assert told == [("Reminder", "Phone the lab")]
    popup.hide()
    controller.bring_back()
    assert window.isVisible()
    assert popup.isVisible()
    # marked done elsewhere: the lazily made window drops it
    session.open_repo().reminders.set_done(reminder.id, True)
    controller.scheduler.reminders_changed.emit()
    assert popup.cards == []


def test_a_due_reminder_pops_up_when_the_window_opens_and_open_goes_there(
    qtbot: QtBot, session: AppSession, make_case: Callable[..., Case], clock: FakeClock
) -> None:
    case = make_case()
    repo = session.open_repo()
    reminder = own(repo, case.id, clock() - dt.timedelta(days=1), "Phone the lab", page=5)
    window = session.open()
    popup = window.reminders.popup
    qtbot.waitUntil(lambda: popup.isVisible(), timeout=1000)
    assert [c.reminder.id for c in popup.cards] == [reminder.id]
    popup.cards[0].open_button.click()
    assert window.current_page() == 5


def test_minimised_the_tray_is_told_too(
    qtbot: QtBot, session: AppSession, make_case: Callable[..., Case], clock: FakeClock
) -> None:
    case = make_case()
    window = session.open()
    told: list[tuple[str, str]] = []
    window.reminders.notify = lambda title, text: told.append((title, text)) or True
    window.showMinimized()
    reminder = own(session.open_repo(), case.id, clock(), "Phone the lab")
    window.reminders.scheduler.reminder_changed()
    assert told == [("Reminder", "Phone the lab")]
    assert [c.reminder.id for c in window.reminders.popup.cards] == [reminder.id]


def test_tools_menu_lists_reminders_and_exports_the_calendar(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    session: AppSession,
    make_case: Callable[..., Case],
    clock: FakeClock,
    tmp_path: Path,
) -> None:
    case = make_case()
    session.open_repo().appointments.add(
        Appointment(id=0, case_id=case.id, starts_at=clock() + dt.timedelta(days=9))
    )
    window = session.open()
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.index("&Tools") == titles.index("&Help") - 1
    window.reminders.list_action.trigger()
    listing = window.reminders.list_dialog
    assert listing is not None and listing.isVisible()
    assert listing.model.rowCount() == 1  # the visit, the day before
    target = tmp_path / "visit"
    monkeypatch.setattr(messages, "choose_save_path", lambda *_a: str(target))
    window.reminders.export_action.trigger()
    calendar = Calendar.from_ical((tmp_path / "visit.ics").read_bytes())
    assert len(list(calendar.walk("VEVENT"))) == 2  # the visit and its reminder
    assert "Saved" in window.status.currentMessage()


def test_closing_the_window_stops_the_scheduler(
    session: AppSession, make_case: Callable[..., Case]
) -> None:
    make_case()
    window = session.open()
    scheduler = window.reminders.scheduler
    assert scheduler.running
    window.close()
    assert not scheduler.running
