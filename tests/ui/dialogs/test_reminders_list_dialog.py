"""The reminders list and the dialog for the person's own reminders."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QDialog,
)
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.appointments import Appointment
from secondopinion_desktop.domain.reminders import About, Reminder
from secondopinion_desktop.services.reminders import sync_reminders
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.dialogs.reminders_list_dialog import (
    OwnReminderDialog,
    RemindersListDialog,
)
from tests.helpers.accessibility import unnamed_controls
from tests.helpers.clock import FakeClock
from tests.helpers.reminders import ZONE


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
    case = repo.cases.create("Mum")
    repo.appointments.add(
        Appointment(id=0, case_id=case.id, starts_at=clock() + dt.timedelta(days=5))
    )
    sync_reminders(repo, case.id, ZONE)
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
    assert repo.reminders.get(mine.id).snoozed_until == clock() + dt.timedelta(hours=1)
    fake.result = Reminder(
        id=mine.id, case_id=case.id, title="Ask Jo", due_at=clock() + dt.timedelta(days=1)
    )
    dialog.select(mine.id)
    dialog.edit_button.click()
    assert repo.reminders.get(mine.id).title == "Ask Jo"
    dialog.select(mine.id)
    dialog.done_button.click()
    assert repo.reminders.get(mine.id).done
    assert dialog.model.row_of(mine.id) == -1  # done ones are hidden
    dialog.show_done.setChecked(True)
    dialog.select(mine.id)
    assert dialog.done_button.text() == "Not done"
    monkeypatch.setattr(messages, "ask_yes_no", lambda *_a, **_k: True)
    dialog.delete_button.click()
    assert mine.id not in {r.id for r in repo.reminders.list(case.id)}
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


def test_a_long_list_shows_its_first_rows_and_reads_more_as_it_is_scrolled(
    qtbot: QtBot, repo: Repository, clock: FakeClock
) -> None:
    from secondopinion_desktop.ui.models.reminders_model import PAGE

    case = repo.cases.create("Mum")
    count = PAGE * 2 + 50
    for i in range(count):
        repo.reminders.add(
            Reminder(
                id=0, case_id=case.id, title=f"Call {i}", due_at=clock() - dt.timedelta(hours=i)
            )
        )
    dialog = RemindersListDialog(repo, None, clock, ZONE)
    qtbot.addWidget(dialog)
    dialog.load(case.id)
    dialog.show()
    assert dialog.summary.text() == f"{count:,} due now, {count:,} still to do in all."
    assert dialog.model.rowCount() == PAGE  # not all of them at once
    assert dialog.selected() is not None and dialog.selected().title == f"Call {count - 1}"
    for _ in range(3):
        dialog.table.scrollToBottom()
        qtbot.wait(10)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == count)
    last = dialog.model.row_at(count - 1)
    dialog.select(last.id)
    dialog.done_button.click()  # the list is read again: the rows read so far stay
    assert repo.reminders.get(last.id).done
    assert dialog.model.rowCount() == count - 1
    assert dialog.summary.text() == f"{count - 1:,} due now, {count - 1:,} still to do in all."
