"""The decision clock through the window, as a person uses it: the answer typed in step 1, the
timeline's words on step 3, a visit booked after the decide-by date and the calm warning.
Controls are found by their accessible names; the real booking dialog is filled in."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.decision_clock import decision_timeline
from secondopinion_desktop.domain.doctors import Answer, Doctor, Status
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.pages.timeline_panel import (
    DRAWING_NAME,
    TimelineDrawing,
    label_rows,
)
from tests.helpers.accessibility import unnamed_controls
from tests.helpers.clock import FIXED_NOW
from tests.ui.conftest import AppSession
from tests.ui.test_use_cases import VISIT_DAY, Told, book_in_the_window, named

DECIDE_BY = VISIT_DAY - dt.timedelta(days=5)  # the visit booked below falls 5 days after it


@pytest.fixture
def case(session: AppSession) -> Case:
    repo = session.open_repo()
    made = repo.cases.create("Mum's second opinion", patient_name="Margaret Ellis")
    repo.doctors.add(
        Doctor(
            id=0,
            case_id=made.id,
            name="Dr. Anna Weiss",
            accepting_new_patients=Answer.YES,
            status=Status.CONTACTED,
        )
    )
    return made


def words_on(window: object, page: int) -> str:
    from secondopinion_desktop.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    return named(window.step_page(page), QLabel, "Your decide-by date in words").text()


def test_the_answer_typed_in_step_one_plans_step_three_and_a_late_visit_is_warned_about(
    session: AppSession, case: Case, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    monkeypatch.setattr(messages, "show_info", Told())
    window = session.open()
    window.show_page(1)
    page = window.step_page(1)
    named(page, QComboBox, "How your doctor answered").setCurrentText("A date")
    decide = named(page, QLineEdit, "Date your doctor said the decision is needed by")
    typed = f"{DECIDE_BY.day} {DECIDE_BY:%B %Y}"
    qtbot.keyClicks(decide, typed)
    decide.editingFinished.emit()
    who = named(page, QLineEdit, "Who said it")
    qtbot.keyClicks(who, "Dr. Samuel Okafor")
    who.editingFinished.emit()
    assert decide.text() == typed  # what was typed stays as typed
    said = named(page, QLabel, "Your doctor's answer").text()
    assert said == f"Decision needed by {DECIDE_BY:%A} {typed}. Dr. Samuel Okafor said so."
    stored = session.open_repo().cases.get(case.id)
    assert (stored.decision_date, stored.decide_said_by) == (DECIDE_BY, "Dr. Samuel Okafor")

    window.show_page(3)
    left = (DECIDE_BY - FIXED_NOW.date()).days
    words = words_on(window, 3)
    assert f"Your decision is needed by {DECIDE_BY:%a} {DECIDE_BY.day} {DECIDE_BY:%b}" in words
    assert f"in {left} days (Dr. Samuel Okafor said so)." in words
    assert "No visit is booked yet." in words
    drawing = named(window.step_page(3), TimelineDrawing, DRAWING_NAME)
    assert "No visit is booked yet." in drawing.accessibleDescription()
    QApplication.processEvents()
    warning = named(window.step_page(3), QLabel, "Your decide-by date: something to look at")
    assert drawing.isVisibleTo(window) and not warning.isVisibleTo(window)

    book_in_the_window(window, monkeypatch, "Dr. Anna Weiss")  # VISIT_DAY: 5 days too late
    QApplication.processEvents()  # a panel built now is shown by a queued call
    assert warning.isVisibleTo(window)
    assert warning.text().startswith(
        f"The visit on {VISIT_DAY:%a} {VISIT_DAY.day} {VISIT_DAY:%b} is 5 days after your "
        "decide-by date."
    )
    for way_out in ("cancellation list", "earlier appointment", "treating doctor", "step 3"):
        assert way_out in warning.text()
    assert "5 days after your decide-by date" in drawing.accessibleDescription()
    # the same on the other pages of the plan, and on the outcome page
    for later in (4, 5, 6):
        window.show_page(later)
        assert "5 days after your decide-by date" in words_on(window, later)
    window.show_page(7)
    outcome_words = named(window.outcome_page, QLabel, "Your decide-by date in words").text()
    assert "5 days after your decide-by date" in outcome_words


def test_a_date_that_cannot_be_read_is_refused_on_the_spot_and_nothing_is_saved(
    session: AppSession, case: Case, qtbot: QtBot
) -> None:
    window = session.open()
    window.show_page(1)
    page = window.step_page(1)
    named(page, QComboBox, "How your doctor answered").setCurrentText("A date")
    decide = named(page, QLineEdit, "Date your doctor said the decision is needed by")
    qtbot.keyClicks(decide, "31 February 2027")
    decide.editingFinished.emit()
    QApplication.processEvents()
    problem = named(page, QLabel, "About the date your doctor said the decision is needed by")
    assert problem.isVisibleTo(window)
    assert problem.text().startswith("There is no February 31 in 2027.")
    assert decide.text() == "31 February 2027"
    assert session.open_repo().cases.get(case.id).decision_date is None


def test_weeks_from_a_day_are_kept_as_weeks(session: AppSession, case: Case, qtbot: QtBot) -> None:
    window = session.open()
    window.show_page(1)
    page = window.step_page(1)
    named(page, QComboBox, "How your doctor answered").setCurrentText("A number of weeks")
    start = named(page, QLineEdit, "Day the weeks are counted from")
    assert start.text() == f"{FIXED_NOW.day} {FIXED_NOW:%B %Y}"  # the day it is written down
    weeks = named(page, QLineEdit, "Number of weeks your doctor said")
    qtbot.keyClicks(weeks, "a few")
    weeks.editingFinished.emit()
    problem = named(page, QLabel, "Problem with what was typed")
    assert problem.text() == "Weeks: Please write the number of weeks as a number, for example 6."
    assert session.open_repo().cases.get(case.id).decide_weeks is None
    weeks.clear()
    qtbot.keyClicks(weeks, "six weeks")
    weeks.editingFinished.emit()
    assert problem.isHidden()
    stored = session.open_repo().cases.get(case.id)
    assert (stored.decide_weeks, stored.decide_from) == (6, FIXED_NOW.date())
    assert stored.decision_date == FIXED_NOW.date() + dt.timedelta(weeks=6)
    assert unnamed_controls(page) == []


def test_with_no_answer_the_timeline_says_so_and_leads_to_step_one(
    session: AppSession, case: Case
) -> None:
    window = session.open()
    window.show_page(3)
    words = words_on(window, 3)
    assert "has not said yet how long you can take to decide" in words
    assert not any(w in words for w in ("week", "month"))  # never a time frame of our own
    named(
        window.step_page(3), QPushButton, "Go to step 1 to write down your doctor's answer"
    ).click()
    assert window.current_page() == 1


def test_the_drawing_gives_its_labels_more_rows_rather_than_clipping_them(qtbot: QtBot) -> None:
    today = FIXED_NOW.date()
    case = Case(id=1, title="x", decide_by=today + dt.timedelta(days=3))
    from secondopinion_desktop.domain.appointments import Appointment

    visit = Appointment(id=1, case_id=1, starts_at=FIXED_NOW + dt.timedelta(days=8))
    drawing = TimelineDrawing()
    qtbot.addWidget(drawing)
    drawing.show_timeline(decision_timeline(case, visit, today))
    wide = drawing.heightForWidth(1200)
    big = QFont(drawing.font())
    big.setPointSize(22)
    drawing.setFont(big)
    assert drawing.heightForWidth(360) > wide  # more rows at large text in a narrow window
    drawing.resize(360, drawing.heightForWidth(360))
    assert not drawing.grab().isNull()


def test_no_dotted_line_runs_through_a_label_nearer_the_line() -> None:
    """At 22 pt: today, the records due and the visit close together. The visit's label may
    not go below "Records due" with its dotted line through those words."""
    xs, widths = [100.0, 250.0, 300.0, 900.0], [250.0, 170.0, 150.0, 150.0]
    rows = label_rows(xs, widths, [True, False, False, False])
    assert rows[:2] == [-1, 0]  # today above, the records due below
    assert rows[2] not in (0, 1)  # not beside them, and not under "Records due"
    assert rows[2] == -2  # above today's label, its line passing clear of it
    assert rows[3] == 0
    # labels far apart all sit on the first rows, as before
    assert label_rows([100.0, 500.0, 900.0], [150.0] * 3, [True, False, False]) == [-1, 0, 0]
