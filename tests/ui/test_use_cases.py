"""Each use case done as a person does it: through the window, controls found by their
accessible names, real dialogs filled in; then the database is checked, not the widgets.

And the other side of one transaction per use case: a write that fails half-way through a
booking, an attach or a call leaves the database (and the attachments folder) as it was.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton, QTableView, QWidget

from secondopinion_desktop.domain.appointments import referral_todo_key
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Answer, Doctor, Role, Status
from secondopinion_desktop.domain.opinions import Opinion, Outcome
from secondopinion_desktop.domain.records import RecordItem
from secondopinion_desktop.store import attachment_files
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.main_window import MainWindow
from tests.helpers.clock import FIXED_NOW
from tests.ui.conftest import AppSession

W = TypeVar("W", bound=QWidget)
# dialogs check typed days against the computer's own clock: a day well ahead of it
VISIT_DAY = dt.date.today() + dt.timedelta(days=40)


def named(root: QWidget, kind: type[W], name: str) -> W:
    """The one visible control of `kind` a screen reader calls `name`."""
    found = [w for w in root.findChildren(kind) if w.accessibleName() == name]
    found = [w for w in found if w.isVisibleTo(root)] or found
    assert len(found) == 1, f"{len(found)} {kind.__name__} named {name!r}"
    return found[0]


def button(root: QWidget, text: str) -> QPushButton:
    found = [b for b in root.findChildren(QPushButton) if b.text() == text]
    assert len(found) == 1, f"{len(found)} buttons {text!r}"
    return found[0]


def select_row(table: QTableView, text: str) -> None:
    model = table.model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == text:
            table.selectionModel().setCurrentIndex(
                model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            return
    raise AssertionError(f"no row {text!r}")


def fill_and_accept(
    monkeypatch: pytest.MonkeyPatch, dialog_class: type[QDialog], fill: Callable[[QDialog], None]
) -> list[QDialog]:
    """Replace exec() of a real dialog class: fill its fields as a person would, then press
    its main button; the dialog's own checks run."""
    opened: list[QDialog] = []

    def exec_(self: QDialog) -> int:
        opened.append(self)
        fill(self)
        return int(self.result())

    monkeypatch.setattr(dialog_class, "exec", exec_)
    return opened


class Told:
    def __init__(self) -> None:
        self.titles: list[str] = []

    def __call__(self, _parent: Any, title: str, _text: str, *rest: Any, **named: Any) -> Any:
        self.titles.append(title)
        return True


def database(repo: Repository, case: Case) -> object:
    """What the person's data holds for the case, to compare before and after."""
    return (
        repo.appointments.list(case.id),
        repo.doctors.list(case.id),
        repo.todos.list(case.id),
        repo.cases.step_progress(case.id),
        [(d.id, repo.doctors.list_calls(d.id)) for d in repo.doctors.list(case.id)],
        repo.records.list(case.id),
        [repo.records.list_attachments(r.id) for r in repo.records.list(case.id)],
    )


@pytest.fixture
def case(session: AppSession, make_case: Callable[..., Case]) -> Case:
    made = make_case(patient_name="Margaret Ellis", organiser_name="Sarah Ellis")
    repo = session.open_repo()
    repo.doctors.add(
        Doctor(
            id=0,
            case_id=made.id,
            name="Dr. Anna Weiss",
            accepting_new_patients=Answer.YES,
            referral_required=Answer.YES,
        )
    )
    repo.doctors.add(Doctor(id=0, case_id=made.id, name="Dr. Henry Cole", phone="555 0100"))
    repo.doctors.add(Doctor(id=0, case_id=made.id, name="Dr. Okafor", role=Role.TREATING))
    return made


def open_on(session: AppSession, page: int) -> MainWindow:
    window = session.open()
    window.show_page(page)
    return window


def book_in_the_window(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, doctor: str, day: dt.date = VISIT_DAY
) -> list[QDialog]:
    from secondopinion_desktop.ui.dialogs.booking_dialog import BookingDialog

    def fill(dialog: QDialog) -> None:
        named(dialog, QLineEdit, "Day of the visit").setText(f"{day.day} {day:%B %Y}")
        named(dialog, QLineEdit, "Where the visit is").setText("Riverside Cancer Center")
        button(dialog, "Book this visit").click()

    opened = fill_and_accept(monkeypatch, BookingDialog, fill)
    page = window.step_page(3)
    select_row(named(page, QTableView, "Doctor comparison table"), doctor)
    named(page, QPushButton, "Choose the selected doctor and book the visit").click()
    return opened


# --- booking -----------------------------------------------------------------------------------


def test_booking_through_the_window_saves_every_part_of_it(
    session: AppSession, case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    told = Told()
    monkeypatch.setattr(messages, "show_info", told)
    window = open_on(session, 3)
    assert len(book_in_the_window(window, monkeypatch, "Dr. Anna Weiss")) == 1
    repo = session.open_repo()
    (visit,) = repo.appointments.list(case.id)
    weiss = next(d for d in repo.doctors.list(case.id) if d.name == "Dr. Anna Weiss")
    assert visit.starts_at.date() == VISIT_DAY and visit.doctor_id == weiss.id
    assert visit.place == "Riverside Cancer Center"
    assert weiss.status is Status.BOOKED
    assert 3 in repo.cases.done_steps(case.id)
    assert [t.key for t in repo.todos.list(case.id)] == [referral_todo_key(weiss.id)]
    assert told.titles == ["A referral is needed"]
    # the page's summary, the sidebar and the status bar follow what was saved
    situation = window.step_page(3).findChild(QLabel, "situation")
    assert situation is not None
    assert situation.text() == "So far: 0 calls logged. Booked with Dr. Anna Weiss."
    assert window.steps_model.done_steps() == {3}
    assert window.status.currentMessage().startswith("Booked Dr. Anna Weiss for ")


def test_replacing_the_booked_doctor_through_the_window(
    session: AppSession, case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(messages, "show_info", Told())
    window = open_on(session, 3)
    book_in_the_window(window, monkeypatch, "Dr. Anna Weiss")
    asked = Told()
    monkeypatch.setattr(messages, "ask_yes_no", asked)
    book_in_the_window(window, monkeypatch, "Dr. Henry Cole", VISIT_DAY + dt.timedelta(days=1))
    assert asked.titles == ["Replace the booked visit?"]
    repo = session.open_repo()
    (visit,) = repo.appointments.list(case.id)
    status = {d.name: d.status for d in repo.doctors.list(case.id, Role.CANDIDATE)}
    assert status == {"Dr. Anna Weiss": Status.CONTACTED, "Dr. Henry Cole": Status.BOOKED}
    assert visit.starts_at.date() == VISIT_DAY + dt.timedelta(days=1)
    assert repo.todos.list(case.id) == []


def test_a_write_failing_in_the_middle_of_a_booking_leaves_the_database_unchanged(
    session: AppSession, case: Case, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    monkeypatch.setattr(messages, "show_info", Told())
    window = open_on(session, 3)
    book_in_the_window(window, monkeypatch, "Dr. Anna Weiss")
    repo = session.open_repo()
    before = database(repo, case)
    real = repo.doctors.update
    calls: list[int] = []

    def fails_the_second_time(doctor: Doctor) -> Doctor:
        calls.append(doctor.id)
        if len(calls) == 2:  # the new doctor marked booked, after the old one was demoted
            raise sqlite3.OperationalError("disk I/O error")
        return real(doctor)

    monkeypatch.setattr(repo.doctors, "update", fails_the_second_time)
    monkeypatch.setattr(messages, "ask_yes_no", Told())
    with qtbot.capture_exceptions() as raised:
        book_in_the_window(window, monkeypatch, "Dr. Henry Cole")
    assert [type(e[1]) for e in raised] == [sqlite3.OperationalError]
    assert len(calls) == 2
    assert database(repo, case) == before
    assert not repo.db.conn.in_transaction


# --- calls -------------------------------------------------------------------------------------


def test_logging_a_call_through_the_window(
    session: AppSession, case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    from secondopinion_desktop.ui.dialogs.call_dialog import CallDialog

    def fill(dialog: QDialog) -> None:
        named(dialog, QLineEdit, "Who answered").setText("Denise at the front desk")
        named(dialog, QLineEdit, "Wait for a first appointment").setText("3 weeks")
        button(dialog, "Save call").click()

    fill_and_accept(monkeypatch, CallDialog, fill)
    window = open_on(session, 3)
    page = window.step_page(3)
    select_row(named(page, QTableView, "Doctor comparison table"), "Dr. Henry Cole")
    named(page, QPushButton, "Log a call to the selected doctor").click()
    repo = session.open_repo()
    cole = next(d for d in repo.doctors.list(case.id) if d.name == "Dr. Henry Cole")
    (call,) = repo.doctors.list_calls(cole.id)
    assert call.answered_by == "Denise at the front desk"
    assert (cole.status, cole.wait_days) == (Status.CONTACTED, 21)
    situation = page.findChild(QLabel, "situation")
    assert situation is not None and situation.text() == "So far: 1 call logged."


def test_a_call_whose_answers_cannot_be_saved_is_not_logged(
    session: AppSession, case: Case, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    from secondopinion_desktop.ui.dialogs.call_dialog import CallDialog

    fill_and_accept(monkeypatch, CallDialog, lambda d: button(d, "Save call").click())
    window = open_on(session, 3)
    repo = session.open_repo()
    before = database(repo, case)
    monkeypatch.setattr(
        repo.doctors, "update", lambda _d: (_ for _ in ()).throw(sqlite3.OperationalError("full"))
    )
    page = window.step_page(3)
    select_row(named(page, QTableView, "Doctor comparison table"), "Dr. Henry Cole")
    with qtbot.capture_exceptions() as raised:
        named(page, QPushButton, "Log a call to the selected doctor").click()
    assert len(raised) == 1
    assert database(repo, case) == before


# --- records -----------------------------------------------------------------------------------


@pytest.fixture
def scan(tmp_path: Path) -> Path:
    path = tmp_path / "Biopsy report.pdf"
    path.write_bytes(b"%PDF-1.4\n% a scanned page\n%%EOF\n")
    return path


def records_page(session: AppSession, case: Case) -> tuple[MainWindow, QTableView]:
    repo = session.open_repo()
    repo.records.add(RecordItem(id=0, case_id=case.id, title="Biopsy report"))
    window = open_on(session, 4)
    table = named(window.step_page(4), QTableView, "Your records checklist")
    select_row(table, "Biopsy report")
    return window, table


def stored_copies(session: AppSession) -> list[str]:
    folder = attachment_files.attachments_dir(session.folder)
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_advancing_an_item_and_attaching_a_scan_through_the_window(
    session: AppSession, case: Case, scan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, _table = records_page(session, case)
    page = window.step_page(4)
    named(page, QPushButton, "Mark as asked for: Biopsy report").click()
    repo = session.open_repo()
    item = next(i for i in repo.records.list(case.id) if i.title == "Biopsy report")
    assert item.requested_on == FIXED_NOW.date()
    assert named(page, QPushButton, "Mark as received: Biopsy report").isEnabled()

    monkeypatch.setattr(messages, "choose_open_path", lambda *_a: str(scan))
    named(page, QPushButton, "Attach a scan to the selected item").click()
    (attached,) = repo.records.list_attachments(item.id)
    assert attached.original_name == "Biopsy report.pdf"
    assert stored_copies(session) == [attached.file_name]

    told = Told()
    monkeypatch.setattr(messages, "show_info", told)
    named(page, QPushButton, "Attach a scan to the selected item").click()
    assert told.titles == ["Already attached"]
    assert len(repo.records.list_attachments(item.id)) == 1
    assert stored_copies(session) == [attached.file_name]

    window.undo_action.trigger()  # undoes "asked for"; the scan stays
    assert repo.records.get(item.id).requested_on is None


def test_an_attach_whose_row_cannot_be_written_leaves_no_copy_behind(
    session: AppSession, case: Case, scan: Path, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    window, _table = records_page(session, case)
    repo = session.open_repo()
    before = database(repo, case)
    monkeypatch.setattr(messages, "choose_open_path", lambda *_a: str(scan))
    monkeypatch.setattr(
        repo.records,
        "add_attachment",
        lambda _a: (_ for _ in ()).throw(sqlite3.OperationalError("full")),
    )
    with qtbot.capture_exceptions() as raised:
        named(window.step_page(4), QPushButton, "Attach a scan to the selected item").click()
    assert len(raised) == 1
    assert database(repo, case) == before
    assert stored_copies(session) == []
    assert scan.exists()


def test_removing_an_item_with_its_scan_through_the_window(
    session: AppSession, case: Case, scan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, _table = records_page(session, case)
    page = window.step_page(4)
    monkeypatch.setattr(messages, "choose_open_path", lambda *_a: str(scan))
    named(page, QPushButton, "Attach a scan to the selected item").click()
    assert len(stored_copies(session)) == 1
    monkeypatch.setattr(messages, "ask_yes_no", Told())
    named(page, QPushButton, "Remove the selected item").click()
    repo = session.open_repo()
    assert "Biopsy report" not in [i.title for i in repo.records.list(case.id)]
    assert stored_copies(session) == []


# --- the outcome -------------------------------------------------------------------------------


def test_starting_a_third_round_through_the_window(
    session: AppSession, case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = session.open_repo()
    repo.opinions.save(
        Opinion(id=0, case_id=case.id, round=2, doctor_name="Dr. Raman", outcome=Outcome.DISAGREES)
    )
    window = open_on(session, 7)
    asked = Told()
    monkeypatch.setattr(messages, "ask_yes_no", asked)
    named(window.outcome_page, QPushButton, "Start a third-opinion round").click()
    assert asked.titles == ["Start a third opinion?"]
    assert repo.rounds.current(case.id) == 3
    assert window.current_page() == 3
    assert "third opinion" in window.status.currentMessage()


# --- exports -----------------------------------------------------------------------------------


def test_the_calendar_from_the_tools_menu_holds_the_booked_visit(
    session: AppSession, case: Case, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(messages, "show_info", Told())
    window = open_on(session, 3)
    book_in_the_window(window, monkeypatch, "Dr. Anna Weiss")
    target = tmp_path / "visits"
    monkeypatch.setattr(messages, "choose_save_path", lambda *_a: str(target))
    window.reminders.export_action.trigger()
    data = (tmp_path / "visits.ics").read_bytes()
    assert b"Dr. Anna Weiss" in data and b"Riverside Cancer Center" in data
