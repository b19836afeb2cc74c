"""The reminder window, the reminders list, and reminders in the main window."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTimeEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.appointments import Appointment
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.reminders import About, Reminder
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.dialogs import reminder_dialog
from secondopinion_desktop.ui.dialogs.reminder_dialog import PickTimeDialog, ReminderDialog
from secondopinion_desktop.ui.dialogs.reminders_list_dialog import (
    OwnReminderDialog,
    RemindersListDialog,
)
from secondopinion_desktop.ui.models.reminders_model import RemindersModel
from tests.conftest import FakeClock
from tests.gui.conftest import AppSession

ZONE = dt.timezone(dt.timedelta(hours=-5))


def own(
    repo: Repository, case_id: int, due: dt.datetime, title: str = "Call the lab", page: int = 4
) -> Reminder:
    saved = repo.add_reminder(Reminder(id=0, case_id=case_id, title=title, due_at=due))
    if page:
        # an own reminder has no page; give this one a place to open, as derived ones have
        repo.db.execute("UPDATE reminders SET page = ? WHERE id = ?", [page, saved.id])
    return repo.get_reminder(saved.id)


NAMED = (
    QPushButton,
    QCheckBox,
    QLineEdit,
    QComboBox,
    QPlainTextEdit,
    QTimeEdit,
    QTableView,
)


def unnamed_controls(root: QWidget) -> list[str]:
    return [
        f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}"
        for kind in NAMED
        for w in root.findChildren(kind)
        if w.isVisibleTo(root) and not w.accessibleName()
    ]


# --- the reminder window --------------------------------------------------------------------


@pytest.fixture
def popup(qtbot: QtBot, repo: Repository, clock: FakeClock) -> ReminderDialog:
    dialog = ReminderDialog(repo, None, clock, ZONE)
    qtbot.addWidget(dialog)
    return dialog


def test_several_reminders_show_in_one_window(
    popup: ReminderDialog, repo: Repository, clock: FakeClock
) -> None:
    case = repo.create_case("Mum")
    first = own(repo, case.id, clock() - dt.timedelta(hours=2), "Phone the lab")
    second = own(repo, case.id, clock(), "Fax the referral")
    popup.show_reminders([first, second])
    assert popup.isVisible()
    assert popup.heading.text() == "2 things to do now"
    assert [c.reminder.title for c in popup.cards] == ["Phone the lab", "Fax the referral"]
    assert popup.cards[0].when.text() == "Due since today at 7:30 am"
    assert popup.cards[1].when.text() == "Due now"
    # falling due again (or later ones) join the same window, never a second copy
    popup.show_reminders([second])
    assert len(popup.cards) == 2
    assert unnamed_controls(popup) == []


def test_done_snooze_and_open(
    qtbot: QtBot, popup: ReminderDialog, repo: Repository, clock: FakeClock
) -> None:
    case = repo.create_case("Mum")
    a, b, c, d = (
        own(repo, case.id, clock(), title) for title in ("Done one", "Hour", "Morning", "Open")
    )
    popup.show_reminders([a, b, c, d])
    with qtbot.waitSignal(popup.changed):
        popup.card_for(a.id).done_button.click()  # type: ignore[union-attr]
    assert repo.get_reminder(a.id).done
    popup.card_for(b.id).snooze_hour.trigger()  # type: ignore[union-attr]
    assert repo.get_reminder(b.id).snoozed_until == clock() + dt.timedelta(hours=1)
    popup.card_for(c.id).snooze_morning.trigger()  # type: ignore[union-attr]
    assert repo.get_reminder(c.id).snoozed_until == dt.datetime(2026, 11, 21, 9, tzinfo=ZONE)
    assert [card.reminder.id for card in popup.cards] == [d.id]
    card = popup.card_for(d.id)
    assert card is not None and card.open_button.text() == "Open step 4"
    with qtbot.waitSignal(popup.open_requested) as blocker:
        card.open_button.click()
    assert blocker.args[0].id == d.id
    popup.card_for(d.id).done_button.click()  # type: ignore[union-attr]
    assert not popup.isVisible()  # the last one done closes the window


def test_snooze_to_a_picked_time(
    monkeypatch: pytest.MonkeyPatch, popup: ReminderDialog, repo: Repository, clock: FakeClock
) -> None:
    case = repo.create_case("Mum")
    reminder = own(repo, case.id, clock())
    popup.show_reminders([reminder])
    picked = dt.datetime(2026, 11, 24, 14, 0, tzinfo=ZONE)
    answers: list[dt.datetime | None] = [None, picked]
    monkeypatch.setattr(reminder_dialog, "ask_snooze_time", lambda *_a: answers.pop(0))
    card = popup.card_for(reminder.id)
    assert card is not None
    card.snooze_pick.trigger()  # cancelled: nothing changes
    assert repo.get_reminder(reminder.id).snoozed_until is None
    card.snooze_pick.trigger()
    assert repo.get_reminder(reminder.id).snoozed_until == picked


def test_closing_leaves_them_due(popup: ReminderDialog, repo: Repository, clock: FakeClock) -> None:
    case = repo.create_case("Mum")
    reminder = own(repo, case.id, clock())
    popup.show_reminders([reminder])
    popup.close_button.click()
    assert not popup.isVisible() and popup.cards == []
    assert not repo.get_reminder(reminder.id).done


def test_pick_time_dialog_checks_the_time(qtbot: QtBot, clock: FakeClock) -> None:
    dialog = PickTimeDialog(None, clock(), ZONE)
    qtbot.addWidget(dialog)
    dialog.day.setText("today")
    dialog.time.setTime(QTime(8, 0))
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "already passed" in dialog.error.text()
    dialog.day.setText("the day after")
    dialog.accept()
    assert "couldn't read" in dialog.error.text()
    dialog.day.setText("tomorrow")
    dialog.accept()
    assert dialog.chosen() == dt.datetime(2026, 11, 21, 8, 0, tzinfo=ZONE)


# --- the list -------------------------------------------------------------------------------


def test_reminders_model(qtmodeltester: Any, repo: Repository, clock: FakeClock) -> None:
    case = repo.create_case("Mum")
    own(repo, case.id, clock() - dt.timedelta(hours=1), "Late")
    own(repo, case.id, clock() + dt.timedelta(days=2), "Later")
    model = RemindersModel()
    model.set_reminders(repo.list_reminders(case.id), clock(), ZONE)
    qtmodeltester.check(model)
    assert model.index(0, 0).data() == "Today, 8:30 am"
    assert model.index(0, 3).data() == "Due now"
    assert model.index(1, 0).data() == "Sun 22 Nov, 9:30 am"
    assert model.index(1, 3).data() == "Coming up"


class FakeOwnDialog:
    def __init__(self, result: Reminder | None) -> None:
        self.result = result
        self.calls: list[tuple[Any, ...]] = []

    def __call__(self, *args: Any) -> FakeOwnDialog:
        self.calls.append(args)
        return self

    def exec(self) -> QDialog.DialogCode:
        return QDialog.DialogCode.Accepted if self.result else QDialog.DialogCode.Rejected

    def reminder(self) -> Reminder | None:
        return self.result


def test_the_list_adds_changes_snoozes_and_removes_own_reminders(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, repo: Repository, clock: FakeClock
) -> None:
    case = repo.create_case("Mum")
    repo.add_appointment(
        Appointment(id=0, case_id=case.id, starts_at=clock() + dt.timedelta(days=5))
    )
    repo.sync_reminders(case.id, ZONE)
    new = Reminder(id=0, case_id=case.id, title="Ask Jo to drive", due_at=clock())
    fake = FakeOwnDialog(new)
    dialog = RemindersListDialog(repo, None, clock, ZONE, own_dialog=fake)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.load(case.id)
    assert dialog.model.rowCount() == 1
    derived = dialog.selected()
    assert derived is not None and derived.derived
    assert not dialog.edit_button.isEnabled() and not dialog.delete_button.isEnabled()
    assert dialog.open_button.text() == "Open step 6"
    with qtbot.waitSignal(dialog.changed):
        dialog.new_button.click()
    mine = dialog.selected()
    assert mine is not None and mine.title == "Ask Jo to drive" and not mine.derived
    assert dialog.summary.text() == "1 due now, 2 still to do in all."
    dialog.snooze_hour.trigger()
    assert repo.get_reminder(mine.id).snoozed_until == clock() + dt.timedelta(hours=1)
    fake.result = Reminder(
        id=mine.id, case_id=case.id, title="Ask Jo", due_at=clock() + dt.timedelta(days=1)
    )
    dialog.select(mine.id)
    dialog.edit_button.click()
    assert repo.get_reminder(mine.id).title == "Ask Jo"
    dialog.select(mine.id)
    dialog.done_button.click()
    assert repo.get_reminder(mine.id).done
    assert dialog.model.row_of(mine.id) == -1  # done ones are hidden
    dialog.show_done.setChecked(True)
    dialog.select(mine.id)
    assert dialog.done_button.text() == "Not done"
    monkeypatch.setattr(messages, "ask_yes_no", lambda *_a, **_k: True)
    dialog.delete_button.click()
    assert mine.id not in {r.id for r in repo.list_reminders(case.id)}
    assert unnamed_controls(dialog) == []


def test_own_reminder_dialog_checks_what_was_typed(qtbot: QtBot, clock: FakeClock) -> None:
    dialog = OwnReminderDialog(None, 1, clock(), None, ZONE)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert "what to be reminded of" in dialog.error.text()
    dialog.title.setText("Ask Jo to drive")
    dialog.day.setText("yesterday")
    dialog.accept()
    assert "already passed" in dialog.error.text()
    dialog.day.setText("Dec 3, 2026")
    dialog.time.setTime(QTime(17, 30))
    dialog.accept()
    made = dialog.reminder()
    assert made is not None
    assert (made.title, made.about, made.key) == ("Ask Jo to drive", About.CASE, None)
    assert made.due_at == dt.datetime(2026, 12, 3, 17, 30, tzinfo=ZONE)


# --- in the main window ---------------------------------------------------------------------


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
    window.reminders._notify = lambda title, text: told.append((title, text)) or True
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
    session.open_repo().add_appointment(
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
