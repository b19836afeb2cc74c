"""While a background job writes, nothing else writes: typing waits and is saved after, a
write the person asks for is refused in words, the minute check of reminders waits, and no
"database is locked" ever reaches the person.

Each job is held at its start (a threading.Event), so the test acts while it certainly runs.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPushButton, QTableView, QWidget
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.appointments import Appointment
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.domain.reminders import Reminder
from secondopinion_desktop.services.changes import Changes
from secondopinion_desktop.services.progress import Progress
from secondopinion_desktop.store import backups
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.autosave import SAVE_DELAY_MS
from secondopinion_desktop.ui.background import Job
from secondopinion_desktop.ui.main_window import MainWindow
from secondopinion_desktop.ui.reminder_scheduler import ReminderScheduler
from tests.helpers.clock import FakeClock, FakeMonotonic
from tests.helpers.gate import Gate
from tests.helpers.stranger import add_doctor, answer_next_dialog, button, named
from tests.ui.conftest import AppSession

RESTORING = "Second Opinion is still restoring the backup. Please wait until it finishes."
PAUSED = (
    "Saving is paused while Second Opinion is restoring the backup. What you type is kept "
    "and saved when it finishes."
)


@pytest.fixture
def gate() -> Iterator[Gate]:
    made = Gate()
    yield made
    made.release.set()


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    said: list[tuple[str, str]] = []
    for kind in ("show_info", "show_error"):
        monkeypatch.setattr(messages, kind, lambda _p, title, text: said.append((title, text)))
    return said


def slow_restore(window: MainWindow, gate: Gate) -> None:
    """A job that writes, held until the test lets it go on (its dialog not shown yet: the
    window still takes typing, as in the moment before the dialog appears)."""

    def run(_repo: Repository, progress: Progress) -> Changes:
        progress(0, 0, "Putting the backup in place.")
        gate.wait_here()
        return Changes()

    window.jobs.show_after_ms = 60_000
    job = Job("Restoring the backup", "restoring the backup", "Not restored", run)
    assert window.jobs.start(job, window, lambda _changes: None)
    assert gate.started.wait(10)


def test_typing_waits_for_a_job_that_writes_and_a_write_is_refused_in_words(
    session: AppSession,
    make_case: Callable[..., Case],
    qtbot: QtBot,
    gate: Gate,
    told: list[tuple[str, str]],
) -> None:
    case = make_case("Mum")
    due = session.clock() - dt.timedelta(hours=1)
    call = session.open_repo().reminders.add(
        Reminder(id=0, case_id=case.id, title="Call the lab", due_at=due)
    )
    window = session.open()
    popup = window.reminders.popup
    qtbot.waitUntil(lambda: popup.card_for(call.id) is not None)
    window.show_page(1)
    slow_restore(window, gate)
    assert window.statusBar().currentMessage() == PAUSED

    notes = window.stack.step_page(1).notes_edit
    qtbot.keyClicks(notes, "Dr. Okafor's office calls back on Tuesday.")
    qtbot.wait(SAVE_DELAY_MS * 2)  # the pause after typing passed: saving was tried, and waits
    assert window.repo.cases.step_progress(case.id)[1].notes == ""  # nothing written yet
    assert notes.toPlainText() == "Dr. Okafor's office calls back on Tuesday."

    card = popup.card_for(call.id)
    assert card is not None
    done = next(b for b in card.findChildren(QPushButton) if b.text() == "Done")
    done.click()  # a write the person asked for
    assert told == [("Please wait", RESTORING)]
    assert popup.card_for(call.id) is not None  # still there, to press again later
    assert not window.repo.reminders.get(call.id).done

    gate.release.set()
    assert window.jobs.wait()
    stored = window.repo.cases.step_progress(case.id)[1]
    assert stored.notes == "Dr. Okafor's office calls back on Tuesday."
    assert window.statusBar().currentMessage() != PAUSED
    done.click()
    assert window.repo.reminders.get(call.id).done
    assert told == [("Please wait", RESTORING)]  # said once, when it had to wait


def test_a_restore_while_the_minute_check_runs_leaves_the_data_whole(
    monkeypatch: pytest.MonkeyPatch,
    told: list[tuple[str, str]],
    session: AppSession,
    gate: Gate,
    make_case: Callable[..., Case],
    qtbot: QtBot,
) -> None:
    """A real restore on the data folder holds the database's write lock while the minute
    check of reminders fires on the window's connection after a new day began (so it runs
    the rules, which write): the check waits instead of meeting "database is locked" (an
    exception in a timer's slot would fail this test), and runs once the restore is done."""
    case = make_case("Original name")
    window = session.open()
    window.backup_action.trigger()
    assert window.jobs.wait()
    window.repo.cases.rename(case.id, "Renamed by mistake")
    real = backups.restore_prepared

    def held(copy: Any, conn: sqlite3.Connection, progress: Progress) -> None:
        conn.execute("BEGIN IMMEDIATE")  # the restore's connection holds the write lock
        gate.wait_here()
        conn.execute("ROLLBACK")
        real(copy, conn, progress)

    monkeypatch.setattr(backups, "restore_prepared", held)
    monkeypatch.setattr(messages, "choose_item", lambda *a: 0)
    monkeypatch.setattr(messages, "ask_yes_no", lambda *a, **k: True)
    window.restore_action.trigger()
    assert gate.started.wait(10)

    tomorrow = FakeClock(session.clock() + dt.timedelta(days=1))
    check = ReminderScheduler(window.repo, tomorrow, monotonic=FakeMonotonic(), tick_ms=20)
    check.start()  # the rules at start, then the minute check every 20 ms
    qtbot.waitUntil(lambda: check.wakeups >= 5)
    synced = check.syncs
    assert synced >= 2  # the rules were asked to run, and waited each time

    gate.release.set()
    assert window.jobs.wait()
    assert window.repo.cases.get(case.id).title == "Original name"
    qtbot.waitUntil(lambda: check.syncs > synced)  # run at the next check, now it can write
    check.stop()
    ok = window.repo.db.query("PRAGMA integrity_check")
    assert [row["integrity_check"] for row in ok] == ["ok"]
    assert told == []  # no message at all, and never "database is locked"
    reasons = sorted(b.reason for b in backups.list_backups(session.folder))
    assert reasons == ["before restore", "by hand"]


def backed_up_restore_held(window: MainWindow, monkeypatch: pytest.MonkeyPatch, gate: Gate) -> None:
    """Back up now; a restore started after this waits at `gate` before it changes anything
    (its progress dialog not shown yet, as in its first 300 ms)."""
    window.backup_action.trigger()
    assert window.jobs.wait()
    real = backups.restore_prepared

    def held(copy: Any, conn: sqlite3.Connection, progress: Progress) -> None:
        gate.wait_here()
        real(copy, conn, progress)

    monkeypatch.setattr(backups, "restore_prepared", held)
    monkeypatch.setattr(messages, "choose_item", lambda *a: 0)
    monkeypatch.setattr(messages, "ask_yes_no", lambda *a, **k: True)


def test_a_write_pressed_before_the_progress_dialog_shows_is_refused_in_words(
    monkeypatch: pytest.MonkeyPatch,
    told: list[tuple[str, str]],
    session: AppSession,
    gate: Gate,
) -> None:
    """The way a person meets it: they start restoring a backup and, before its progress
    dialog shows (the first 300 ms), press controls that write: mark step 1 done, tick a
    box on step 6, open the records page (whose first reading adds the usual items).
    Each is refused in words through ui/messages.py (an exception reaching the excepthook
    would fail this test), nothing is written, and each works once the restore is done."""
    repo = session.open_repo()
    case = repo.cases.create("Mum", patient_name="Margaret Ellis")
    doctor = repo.doctors.add(Doctor(id=0, case_id=case.id, name="Dr. Priya Raman"))
    visit = Appointment(
        id=0, case_id=case.id, doctor_id=doctor.id, starts_at=session.clock() + dt.timedelta(9)
    )
    repo.appointments.add(visit)
    window = session.open()
    backed_up_restore_held(window, monkeypatch, gate)
    window.show_page(6)
    together = named(window, QCheckBox, "Several specialists will see me on the same day")
    window.show_page(1)
    window.restore_action.trigger()  # the dialog shows after 300 ms: the window is free till then
    assert gate.started.wait(10)

    named(window, QPushButton, "Mark this step as done").click()
    assert told == [("Please wait", RESTORING)]
    assert 1 not in window.repo.cases.done_steps(case.id)
    named(window, QPushButton, "Mark this step as done")  # still says so (not "not done")
    assert window.undo_stack.count() == 0  # nothing to undo: nothing was done

    window.show_page(4)  # what a click on step 4 in the sidebar does
    assert told[1:] == [("Please wait", RESTORING)]
    assert window.repo.records.list(case.id) == []

    window.show_page(6)
    together.click()
    assert told[2:] == [("Please wait", RESTORING)]
    assert not together.isChecked()  # shown as stored again

    gate.release.set()
    assert window.jobs.wait()
    assert len(told) == 3
    window.show_page(4)
    assert window.repo.records.list(case.id) != []  # read (and the usual items added) now
    window.show_page(1)
    named(window, QPushButton, "Mark this step as done").click()
    assert 1 in window.repo.cases.done_steps(case.id)
    assert len(told) == 3


def test_removing_a_record_before_the_progress_dialog_shows_leaves_nothing_to_undo(
    monkeypatch: pytest.MonkeyPatch,
    told: list[tuple[str, str]],
    session: AppSession,
    gate: Gate,
    qtbot: QtBot,
) -> None:
    """The records checklist's Remove, pressed as a restore starts: refused in words, the
    item stays, and Edit > Undo offers nothing (it is off while the job writes)."""
    case = session.open_repo().cases.create("Mum", patient_name="Margaret Ellis")
    window = session.open()
    window.show_page(4)
    items = len(window.repo.records.list(case.id))
    table = next(t for t in window.findChildren(QTableView) if t.objectName() == "recordsTable")
    first = table.visualRect(table.model().index(0, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=first)
    backed_up_restore_held(window, monkeypatch, gate)
    window.restore_action.trigger()
    assert gate.started.wait(10)

    named(window, QPushButton, "Remove the selected item").click()
    assert told == [("Please wait", RESTORING)]
    assert len(window.repo.records.list(case.id)) == items
    assert window.undo_stack.count() == 0
    assert not window.undo_action.isEnabled()

    gate.release.set()
    assert window.jobs.wait()
    window.show_page(4)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=first)
    named(window, QPushButton, "Remove the selected item").click()
    assert len(window.repo.records.list(case.id)) == items - 1
    assert window.undo_action.isEnabled()
    assert len(told) == 1


def test_a_form_open_when_a_job_starts_keeps_what_was_typed_until_it_can_be_saved(
    qtbot: QtBot,
    session: AppSession,
    make_case: Callable[..., Case],
    gate: Gate,
    told: list[tuple[str, str]],
) -> None:
    """The person opened a form in the moment before a restore's progress dialog showed and
    pressed Save while the restore ran: the form stays open, says why under it and keeps
    what was typed; pressed again once the restore is done, it saves."""
    case = make_case("Dad")
    window = session.open()
    window.show_page(1)
    seen: list[str] = []

    def then(dialog: QWidget) -> None:
        assert dialog.isVisible(), "closed while saving was paused: what was typed is lost"
        seen.append(named(dialog, QLabel, "Problem with what was typed").text())
        assert named(dialog, QLineEdit, "Doctor's name").text() == "Dr. Grace Okonkwo"
        assert window.repo.doctors.list(case.id) == []  # nothing written meanwhile
        gate.release.set()
        assert window.jobs.wait()
        button(dialog, "Add doctor").click()  # again, once the restore is done

    def fill(dialog: QWidget) -> None:
        slow_restore(window, gate)  # starts while the form is open
        add_doctor(qtbot, "Dr. Grace Okonkwo", "555-201-3000", then)(dialog)

    opened = answer_next_dialog(fill)
    button(window, "Add your current doctor").click()
    assert opened and not opened[0].isVisible()
    assert seen == [f"{RESTORING} What you typed stays here until then."]
    assert [d.name for d in session.open_repo().doctors.list(case.id)] == ["Dr. Grace Okonkwo"]
    assert told == []  # said under the form, not in a box over it
