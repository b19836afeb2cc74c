"""What a careful new user hit (issue 13), through the real window as a stranger would use it:
an insurer's footer becoming a doctor, a ranking before any call, a reminder "due since" a day
before it existed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QTableView, QWidget
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Answer, Doctor
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.main_window import MainWindow
from tests.helpers.stranger import (
    add_doctor,
    answer_next_dialog,
    button,
    import_doctors,
    named,
    open_the_one_listed,
    retype,
)
from tests.ui.conftest import AppSession

INSURER_LIST = (
    b"Provider Name,Specialty,Phone,City\n"
    b'"Chen, David MD",Urology,555-201-3000,Springfield\n'
    b'"Okonkwo, Grace MD",Urology,555-201-4000,Shelbyville\n'
    b"Dr. Sam Ito,Urology,,\n"
    b"Total providers: 5,,,\n"
)


@pytest.fixture
def case(make_case: Callable[..., Case]) -> Case:
    return make_case("Dad's second opinion", patient_name="Walter Brooks")


def visible_texts(table: QTableView, column: int = 0) -> list[str]:
    model = table.model()
    return [str(model.index(row, column).data()) for row in range(model.rowCount())]


def test_an_insurers_footer_is_skipped_and_the_reason_shown(
    qtbot: QtBot,
    session: AppSession,
    case: Case,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    csv = tmp_path / "bluebrook.csv"
    csv.write_bytes(INSURER_LIST)
    monkeypatch.setattr(messages, "choose_open_path", lambda *args: str(csv))
    window = session.open()
    window.show_page(2)
    seen: list[str] = []

    def fill(dialog: QWidget) -> None:
        button(dialog, "Choose the CSV file to import").click()
        notes = named(dialog, QListWidget, "Rows skipped or to check, and why")
        seen.extend(notes.item(row).text() for row in range(notes.count()))
        button(dialog, "Add the doctors to your list").click()

    opened = answer_next_dialog(fill)
    button(window, "Import doctors from a spreadsheet saved as CSV").click()
    assert opened
    assert seen == [
        "Row 4: No phone, fax, email or address for 'Dr. Sam Ito', so there would be no way "
        "to reach them.",
        "Row 5: 'Total providers: 5' doesn't look like a person's name.",
    ]
    doctors = named(window, QTableView, "Candidate doctors")
    assert len(visible_texts(doctors)) == 2
    assert not any("Total" in text for text in visible_texts(doctors))


def test_no_ranking_before_any_call_says_so_instead(session: AppSession, case: Case) -> None:
    repo = session.open_repo()
    for name in ("Dr. Grace Okonkwo", "Dr. David Chen"):
        repo.doctors.add(Doctor(id=0, case_id=case.id, name=name, phone="(555) 010-2000"))
    window = session.open()
    window.show_page(3)
    note = named(window, QLabel, "About the best fit")
    assert note.text().startswith("No answers yet, so no doctor is ahead.")
    assert not [
        label
        for label in window.findChildren(QLabel)
        if label.accessibleName().startswith("Best fit number") and label.isVisible()
    ]


def test_once_an_office_answers_that_doctor_is_ranked_and_the_others_counted(
    session: AppSession, case: Case
) -> None:
    repo = session.open_repo()
    repo.doctors.add(Doctor(id=0, case_id=case.id, name="Dr. Grace Okonkwo", phone="555-010-2000"))
    repo.doctors.add(
        Doctor(
            id=0,
            case_id=case.id,
            name="Dr. David Chen",
            phone="555-010-3000",
            accepting_new_patients=Answer.YES,
        )
    )
    window = session.open()
    window.show_page(3)
    first = named(window, QLabel, "Best fit number 1")
    assert first.text().startswith("1. Dr. David Chen: ")
    assert named(window, QLabel, "About the best fit").text() == (
        "One doctor is not called yet, so not ranked."
    )


def test_a_reminder_made_late_is_due_now_not_due_since_before_it_existed(
    qtbot: QtBot, session: AppSession, case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(messages, "show_info", lambda parent, title, text: told.append(title))
    session.clock.now = dt.datetime.now().astimezone().replace(second=0, microsecond=0)
    repo = session.open_repo()
    repo.doctors.add(
        Doctor(
            id=0,
            case_id=case.id,
            name="Dr. Grace Okonkwo",
            phone="(555) 010-2000",
            referral_required=Answer.YES,
        )
    )
    window = session.open()
    window.show_page(3)
    table = named(window, QTableView, "Doctor comparison table")
    table.setCurrentIndex(table.model().index(0, 0))
    visit_day = session.clock.now.date() + dt.timedelta(days=5)

    def book(dialog: QWidget) -> None:
        retype(qtbot, named(dialog, QLineEdit, "Day of the visit"), visit_day.isoformat())
        retype(qtbot, named(dialog, QLineEdit, "Time of the visit"), "10:00 am")
        button(dialog, "Book this visit").click()

    opened = answer_next_dialog(book)
    button(window, "Choose the selected doctor and book the visit").click()
    assert opened
    assert told == ["A referral is needed"]
    window.reminders.list_action.trigger()
    dialog = window.reminders.list_dialog
    assert dialog is not None
    reminders = named(dialog, QTableView, "Reminders")
    rows = {
        str(reminders.model().index(row, 1).data()): str(reminders.model().index(row, 3).data())
        for row in range(reminders.model().rowCount())
    }
    referral = next(state for title, state in rows.items() if "referral" in title)
    assert referral == "Due now"
    assert not any("since" in state for state in rows.values())
    dialog.close()


# --- the same doctor twice (item 5) -------------------------------------------------------------


@pytest.fixture
def listed(session: AppSession, case: Case) -> MainWindow:
    session.open_repo().doctors.add(
        Doctor(id=0, case_id=case.id, name="Dr. Grace Okonkwo", phone="(555) 010-2000")
    )
    window = session.open()
    window.show_page(2)
    return window


def test_adding_a_doctor_already_listed_warns_and_can_open_the_one_listed(
    qtbot: QtBot, listed: MainWindow, session: AppSession, case: Case
) -> None:
    warned: list[str] = []
    edited: list[str] = []
    then = open_the_one_listed(warned, edited)
    opened = answer_next_dialog(add_doctor(qtbot, "OKONKWO, GRACE MD", "", then))
    button(listed, "Add a doctor").click()
    assert opened
    assert warned == [
        "Dr. Grace Okonkwo is already on your list (same name). Is this the same doctor? "
        "You can open the one on your list, or add this one anyway."
    ]
    assert edited == ["Dr. Grace Okonkwo"]
    assert len(session.open_repo().doctors.list(case.id)) == 1


def test_a_doctor_with_the_same_phone_can_be_added_anyway(
    qtbot: QtBot, listed: MainWindow, session: AppSession, case: Case
) -> None:
    def then(dialog: QWidget) -> None:
        assert "(same phone)" in named(dialog, QLabel, "Already on your list").text()
        button(dialog, "Add anyway: a different doctor").click()

    opened = answer_next_dialog(add_doctor(qtbot, "Dr. Sam Ito", "555-010-2000", then))
    button(listed, "Add a doctor").click()
    assert opened
    names = sorted(d.name for d in session.open_repo().doctors.list(case.id))
    assert names == ["Dr. Grace Okonkwo", "Dr. Sam Ito"]


# --- what an insurer's list says, and names as a person says them (item 4) ------------------

LIST_WITH_ANSWERS = (
    b"Provider Name,Specialty,Phone,Accepting New Patients,Network Status\n"
    b'"OKONKWO, GRACE MD",Urology,555-201-4000,Y,In Network\n'
    b'"Chen, David MD",Urology,555-201-3000,N,\n'
)


def test_an_insurers_list_fills_in_its_answers_and_names_read_as_spoken(
    qtbot: QtBot,
    session: AppSession,
    case: Case,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    csv = tmp_path / "bluebrook.csv"
    csv.write_bytes(LIST_WITH_ANSWERS)
    monkeypatch.setattr(messages, "choose_open_path", lambda *args: str(csv))
    window = session.open()
    window.show_page(2)
    assert import_doctors(window)
    window.show_page(3)
    table = named(window, QTableView, "Doctor comparison table")
    model = table.model()
    headers = [
        str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())
    ]
    rows = {
        str(model.index(r, 0).data()): {
            headers[c]: str(model.index(r, c).data()) for c in range(model.columnCount())
        }
        for r in range(model.rowCount())
    }
    assert set(rows) == {"Dr. Grace Okonkwo", "Dr. David Chen"}
    assert rows["Dr. Grace Okonkwo"]["Insurance?"] == "Yes, per the insurer's list"
    # An insurer's list names doctors in its network, even without a network column's word.
    assert rows["Dr. David Chen"]["Insurance?"] == "Yes, per the insurer's list"
    assert rows["Dr. Grace Okonkwo"]["New patients?"] == "Yes"
    assert rows["Dr. David Chen"]["New patients?"] == "No"
    (grace,) = [
        d for d in session.open_repo().doctors.list(case.id) if d.name == "Dr. Grace Okonkwo"
    ]
    assert grace.notes.startswith("On the list as: OKONKWO, GRACE MD")
