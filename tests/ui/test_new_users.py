"""Two new users walk a case that is not cancer through the whole window, once each.

A daughter organises her father's second opinion on a spinal fusion from another city; a
parent organises one for a nine-year-old's heart valve procedure. Each creates the case, tells
the doctor (who says the decision can wait eight weeks), adds doctors by hand and from a CSV
file, books a visit at a typed day and time, looks at the checklists, the questions, writes the
opinions down, opens the reminders and exports the calendar. What they read must fit the case:
nothing from cancer care where there is none, and "my child" where a parent asks for a child.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.opinions import Outcome
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.main_window import MainWindow
from tests.helpers.clock import FIXED_NOW
from tests.helpers.fakes import DialogFactory
from tests.helpers.stranger import (
    answer_next_dialog,
    button,
    import_doctors,
    named,
    retype,
)
from tests.ui.conftest import AppSession, details
from tests.ui.test_any_diagnosis import page_words

CANCER_WORDS = ("breast", "mammo", "plastic", "slides", "pathologist", "stage", "biopsy report")
# the booking dialog checks a typed day against the computer's own clock
VISIT_DAY = dt.date.today() + dt.timedelta(days=20)


def cells(view: QAbstractItemView, column: int) -> list[str]:
    model = view.model()
    return [str(model.index(r, column).data() or "") for r in range(model.rowCount())]


def open_page(window: MainWindow, number: int) -> QWidget:
    window.show_page(number)
    QApplication.processEvents()
    return window.stack.currentWidget()


class Walk:
    """One person at the window: what they type with, and where they save files."""

    def __init__(
        self,
        qtbot: QtBot,
        session: AppSession,
        dialogs: DialogFactory,
        monkeypatch: pytest.MonkeyPatch,
        folder: Path,
    ) -> None:
        self.qtbot, self.session, self.dialogs = qtbot, session, dialogs
        self.monkeypatch, self.folder = monkeypatch, folder
        monkeypatch.setattr(messages, "show_info", lambda *_a, **_k: None)  # read and closed

    def begin(self, typed: dict[str, object]) -> MainWindow:
        """Open the app and create the case through "Start a new case"."""
        window = self.session.open()
        self.dialogs.will_answer(details(**typed))  # type: ignore[arg-type]
        button(window, "Start a new case").click()
        assert window.current_page() == 1
        return window


@pytest.fixture
def walk(
    qtbot: QtBot,
    session: AppSession,
    dialogs: DialogFactory,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> Walk:
    return Walk(qtbot, session, dialogs, monkeypatch, tmp_path)


def through_dialog(
    qtbot: QtBot, page: QWidget, opener: str, typed: dict[str, str], confirm: str
) -> None:
    """Press `opener`, type each text into the field of that name, then press `confirm`."""

    def fill(dialog: QWidget) -> None:
        for name, text in typed.items():
            retype(qtbot, named(dialog, QLineEdit, name), text)
        button(dialog, confirm).click()

    opened = answer_next_dialog(fill)
    button(page, opener).click()
    assert opened


def tell_the_doctor(qtbot: QtBot, window: MainWindow, doctor: str, specialty: str) -> str:
    """Step 1: add the treating doctor, read the script, write down "8 weeks"."""
    page = open_page(window, 1)
    typed = {"Doctor's name": doctor, "Specialty": specialty}
    through_dialog(qtbot, page, "Add your current doctor", typed, "Add doctor")
    named(page, QComboBox, "How your doctor answered").setCurrentText("A number of weeks")
    weeks = named(page, QLineEdit, "Number of weeks your doctor said")
    retype(qtbot, weeks, "8 weeks")
    weeks.editingFinished.emit()
    QApplication.processEvents()
    script = named(page, QPlainTextEdit, "Script to say or read to your doctor").toPlainText()
    assert script.startswith(f"{doctor}, my name is")
    return page_words(page) + "\n" + script  # what they read, and what they will say


def find_doctors(walk: Walk, window: MainWindow, rows: bytes, by_hand: str) -> list[str]:
    """Step 2: one doctor typed in, two from the insurer's list saved as CSV."""
    qtbot, monkeypatch, csv = walk.qtbot, walk.monkeypatch, walk.folder / "insurer.csv"
    csv.write_bytes(rows)
    page = open_page(window, 2)
    typed = {"Doctor's name": by_hand, "Phone number": "(555) 201-9000"}
    through_dialog(qtbot, page, "Add a doctor", typed, "Add doctor")
    monkeypatch.setattr(messages, "choose_open_path", lambda *args: str(csv))
    assert import_doctors(page)
    return cells(named(page, QTableView, "Candidate doctors"), 0)


def book(qtbot: QtBot, window: MainWindow, doctor: str, day: str, time: str) -> str:
    """Step 3: choose the doctor, type the day and the time of the visit."""
    page = open_page(window, 3)
    table = named(page, QTableView, "Doctor comparison table")
    [row] = [r for r, name in enumerate(cells(table, 0)) if name == doctor]
    table.setCurrentIndex(table.model().index(row, 0))
    typed = {"Day of the visit": day, "Time of the visit": time}
    chosen = "Choose the selected doctor and book the visit"
    through_dialog(qtbot, page, chosen, typed, "Book this visit")
    return named(window, QLabel, "Booked visit").text()


def checklist(window: MainWindow, step: int) -> list[str]:
    page = open_page(window, step)
    # step 5's is named for the case: "Slides and scans checklist", "Scans and x-rays checklist"
    [view] = [
        v for v in page.findChildren(QAbstractItemView) if v.accessibleName().endswith("checklist")
    ]
    return [title.split("\n")[0] for title in cells(view, 0)]


def questions(window: MainWindow) -> list[str]:
    return cells(named(open_page(window, 6), QAbstractItemView, "Questions for the visit"), 1)


def write_opinion(window: MainWindow, round_title: str, outcome: Outcome, said: str) -> str:
    """On the outcome page, write (or change) the round's opinion; returns the page's words."""
    page = open_page(window, 7)

    def fill(dialog: QWidget) -> None:
        named(dialog, QPlainTextEdit, "The diagnosis").setPlainText(said)
        named(dialog, QRadioButton, outcome.label).click()
        button(dialog, "Save the opinion").click()

    opened = answer_next_dialog(fill)
    [round_button] = [
        b
        for b in page.findChildren(QPushButton)
        if b.accessibleName() in (f"{round_title}: write it down", f"{round_title}: change")
        and b.isVisibleTo(page)
    ]
    round_button.click()
    assert opened
    QApplication.processEvents()
    return page_words(page)


def reminders_and_calendar(walk: Walk, window: MainWindow) -> tuple[list[str], str]:
    monkeypatch, folder = walk.monkeypatch, walk.folder
    actions = {a.text().replace("&", ""): a for a in window.findChildren(QAction)}
    seen: list[str] = []
    actions["Reminders\u2026"].trigger()  # a window of its own, beside the main one
    QApplication.processEvents()
    for widget in QApplication.topLevelWidgets():
        found = [v for v in widget.findChildren(QTableView) if v.accessibleName() == "Reminders"]
        if found and widget.isVisible():
            seen.extend(cells(found[0], 1))
            widget.close()
    assert seen, "the reminders list did not open"
    monkeypatch.setattr(messages, "choose_save_path", lambda *_a: str(folder / "visits"))
    actions["Export to Calendar\u2026"].trigger()
    return seen, (folder / "visits.ics").read_text(encoding="utf-8")


def insurer_list(*rows: tuple[str, str, str]) -> bytes:
    """An insurer's list of doctors, saved from a spreadsheet as CSV."""
    lines = ["Provider Name,Specialty,Phone"] + [f'"{n}",{s},{p}' for n, s, p in rows]
    return "\n".join(lines).encode() + b"\n"


def typed_case(title: str, patient: str, years: int, organiser: str) -> dict[str, object]:
    """What the person types in the case dialog; the patient is `years` old on the day."""
    born = dt.date(FIXED_NOW.year - years, 3, 2)
    return {
        "title": title,
        "patient_name": patient,
        "date_of_birth": born,
        "organiser_name": organiser,
    }


def no_breast_words(text: str) -> None:
    """Step 5 is "Slides and scans" for everyone (slides if a biopsy was done), but a man's
    spine or a child's heart has no mammograms."""
    for word in ("breast", "mammo", "plastic"):
        assert word not in text.lower(), word


def no_cancer_words(text: str) -> None:
    for word in CANCER_WORDS:
        assert word not in text.lower(), word


# --- Case A: a spinal fusion, organised by a daughter ------------------------------------------

SPINE_CSV = insurer_list(
    ("Raman, Priya MD", "Neurosurgery", "555-301-1000"),
    ("Ortiz, Samuel DO", "Physical Medicine", "555-301-2000"),
)
SPINE_CASE = typed_case("Dad's back operation", "Robert Hale", 67, "Karen Hale")
SPINE_CASE.update(diagnosis="Lumbar spinal stenosis", recommended_treatment="Spinal fusion")


def test_a_daughter_organises_her_fathers_second_opinion_on_a_spinal_fusion(walk: Walk) -> None:
    qtbot, session = walk.qtbot, walk.session
    window = walk.begin(SPINE_CASE)
    step_one = tell_the_doctor(qtbot, window, "Dr. Michael Torres", "Orthopaedic spine surgeon")
    decided = FIXED_NOW.date() + dt.timedelta(weeks=8)
    assert f"8 weeks from {FIXED_NOW:%A} {FIXED_NOW.day} {FIXED_NOW:%B %Y}" in step_one
    [case] = session.open_repo().cases.list()
    assert (case.decide_weeks, case.decision_date) == (8, decided)

    listed = find_doctors(walk, window, SPINE_CSV, "Dr. Lena Fischer")
    assert sorted(listed) == ["Dr. Lena Fischer", "Dr. Priya Raman", "Dr. Samuel Ortiz"]

    day = f"{VISIT_DAY.day} {VISIT_DAY:%B %Y}"
    booked = book(qtbot, window, "Dr. Priya Raman", day, "2:30 pm")
    assert f"{VISIT_DAY.day} {VISIT_DAY:%B %Y} at 2:30 pm" in booked

    records = checklist(window, 4)
    assert "Medical records" in records and "Referral form" in records
    assert "Pathology report" not in records
    assert checklist(window, 5) == ["X-rays and scans (on CD or film)"]
    no_breast_words(page_words(open_page(window, 5)))
    rule = "Ask Dr. Priya Raman's office whether these should be sent ahead or brought to the"
    assert rule in page_words(open_page(window, 5))  # not "the slides", when there are none

    asked = questions(window)
    no_cancer_words(" ".join(asked))
    assert "My doctor recommended: Spinal fusion. Would you recommend the same?" in asked[3]
    team = [b.accessibleName() for b in open_page(window, 6).findChildren(QPushButton)]
    assert "Add neurosurgeon to the list" in team and "Add pathologist to the list" not in team

    agreed = write_opinion(window, "Second opinion", Outcome.AGREES, "Lumbar spinal stenosis")
    assert "Both doctors see it the same way." in agreed
    different = write_opinion(
        window, "Second opinion", Outcome.DIFFERENT_TREATMENT, "Lumbar spinal stenosis"
    )
    assert "Now you choose" in different
    assert "usually time" not in different  # the app never says how long a decision can wait

    reminders, calendar = reminders_and_calendar(walk, window)
    assert any("Dr. Priya Raman" in title for title in reminders), reminders
    assert "Second-opinion visit with Dr. Priya Raman" in calendar
    assert f"DTSTART;VALUE=DATE:{decided:%Y%m%d}" in calendar


# --- Case B: a child's heart valve procedure, organised by a parent ----------------------------

HEART_CSV = insurer_list(
    ("Whitaker, James MD", "Pediatric Cardiac Surgery", "555-401-1000"),
    ("Nguyen, Ann MD", "Pediatric Cardiology", "555-401-2000"),
)
HEART_CASE = typed_case("Lily's heart", "Lily Moreno", 9, "Ana Moreno")
HEART_CASE.update(
    diagnosis="Tetralogy of Fallot, repaired; pulmonary regurgitation",
    recommended_treatment="Pulmonary valve replacement",
)


def test_a_parent_organises_a_second_opinion_on_a_childs_valve_replacement(walk: Walk) -> None:
    qtbot = walk.qtbot
    window = walk.begin(HEART_CASE)
    step_one = tell_the_doctor(qtbot, window, "Dr. Helen Park", "Pediatric cardiologist")
    assert "I am calling about my child, Lily Moreno." in step_one.replace("\n", " ")
    listed = find_doctors(walk, window, HEART_CSV, "Dr. Omar Haddad")
    assert len(listed) == 3
    booked = book(qtbot, window, "Dr. James Whitaker", VISIT_DAY.isoformat(), "9:15")
    assert "Dr. James Whitaker" in booked and "at 9:15 am" in booked

    # echocardiograms and a cardiac MRI are imaging: no slides are suggested, on either step
    assert "Pathology slides" not in checklist(window, 4) + checklist(window, 5)
    no_breast_words(page_words(open_page(window, 5)))

    asked = questions(window)
    no_cancer_words(" ".join(asked))
    page = open_page(window, 6)
    assert named(page, QCheckBox, "Several specialists will see my child on the same day")
    team = [b.accessibleName() for b in page.findChildren(QPushButton)]
    assert "Add cardiologist to the list" in team and "Add pathologist to the list" not in team
    joined = " ".join(asked)
    assert "My child's doctor recommended: Pulmonary valve replacement." in joined
    assert "Does my child need more tests before deciding?" in joined
    assert "Could you walk me through my child's records and test results?" in joined
    for own in ("Do I need", "could I choose", "my records"):
        assert own not in joined

    seen = write_opinion(window, "Second opinion", Outcome.DISAGREES, "Pulmonary stenosis")
    assert "a third doctor" in seen
    walk.monkeypatch.setattr(messages, "ask_yes_no", lambda *a, **k: True)
    named(window, QPushButton, "Start a third-opinion round").click()
    assert window.current_page() == 3
    third = " ".join(questions(window))
    assert "Does my child need more tests before deciding?" in third
    assert "talk with my child's other doctors about the case?" in third
    assert "The doctors I have seen" not in third and "for me," not in third
    no_cancer_words(third)
    opinions = named(open_page(window, 7), QAbstractItemView, "The opinions side by side")
    headers = [
        str(opinions.model().headerData(c, Qt.Orientation.Horizontal))
        for c in range(opinions.model().columnCount(QModelIndex()))
    ]
    assert "Second opinion\nDr. James Whitaker" in headers

    reminders, calendar = reminders_and_calendar(walk, window)
    assert "Lily's heart" in calendar
    no_cancer_words(" ".join(reminders))
