"""Issue 13, item 6, through the window: a third-opinion round remembers the second.

A case is walked to "sees it differently" (the answer written at the second visit in step 6,
the opinion written on the outcome page), a third-opinion round is started, and then every
page that used to forget is checked by what it shows: the fit ranking, the doctor's status,
step 6's earlier answers, the records' history, the opinions side by side. Then the window is
restarted on the same data folder and checked again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.appointments import Appointment
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Answer, Doctor, Role, Status
from secondopinion_desktop.domain.opinions import Outcome
from secondopinion_desktop.domain.records import Delivery, RecordItem
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.dialogs.opinion_dialog import OpinionDialog
from secondopinion_desktop.ui.main_window import MainWindow
from secondopinion_desktop.ui.models.doctors_model import Column
from tests.ui.conftest import AppSession

W = TypeVar("W", bound=QWidget)
ANSWER = "He said it looks more like an infection than cancer."


def named(parent: QWidget, kind: type[W], name: str) -> W:
    """The one widget of this kind with this accessible name (visible or not)."""
    found = [w for w in parent.findChildren(kind) if w.accessibleName() == name]
    assert len(found) == 1, (name, len(found))
    return found[0]


def cell(view: QAbstractItemView, row: int, column: int) -> str:
    return str(view.model().index(row, column).data(Qt.ItemDataRole.DisplayRole) or "")


def row_with(view: QAbstractItemView, column: int, text: str) -> int:
    rows = [r for r in range(view.model().rowCount()) if cell(view, r, column).startswith(text)]
    assert len(rows) == 1, (text, [cell(view, r, column) for r in range(view.model().rowCount())])
    return rows[0]


def show(window: MainWindow, page: int) -> None:
    """Show a page; panels built just now appear once the queued show events have run."""
    window.show_page(page)
    QApplication.processEvents()


def texts(parent: QWidget) -> list[str]:
    return [label.text() for label in parent.findChildren(QLabel) if label.isVisibleTo(parent)]


def prostate_case(session: AppSession, make_case: Callable[..., Case]) -> Case:
    """Steps 1 to 5 as a person would have left them: doctors called, Dr. Chen seen."""
    case = make_case(
        "Dad's second opinion",
        patient_name="Walter Brooks",
        diagnosis="Prostate cancer",
        recommended_treatment="Surgery",
    )
    repo = session.open_repo()
    yes = {"accepting_new_patients": Answer.YES, "accepts_insurance": Answer.YES}
    repo.doctors.add(Doctor(id=0, case_id=case.id, name="Dr. Grace Okafor", role=Role.TREATING))
    chen = repo.doctors.add(
        Doctor(id=0, case_id=case.id, name="Dr. David Chen", wait_days=3, **yes)  # type: ignore[arg-type]
    )
    repo.doctors.add(
        Doctor(id=0, case_id=case.id, name="Dr. Asha Patel", wait_days=20, **yes)  # type: ignore[arg-type]
    )
    repo.doctors.update(replace(chen, status=Status.BOOKED))
    seen = session.clock() - dt.timedelta(days=2)
    repo.appointments.add(
        Appointment(id=0, case_id=case.id, starts_at=seen, doctor_id=chen.id, round=2)
    )
    faxed = seen.date() - dt.timedelta(days=8)
    repo.records.add(
        RecordItem(
            id=0,
            case_id=case.id,
            title="Biopsy report",
            received_on=faxed,
            sent_on=faxed,
            confirmed_on=faxed,
            confirmed_by="Ann",
            delivery=Delivery.FAX,
        )
    )
    return case


def answer_a_question_at_the_second_visit(window: MainWindow, qtbot: QtBot) -> str:
    show(window, 6)
    table = named(window, QAbstractItemView, "Questions for the visit")
    table.setCurrentIndex(table.model().index(0, 1))
    question = cell(table, 0, 1)
    edit = named(window, QPlainTextEdit, "Answer to the chosen question")
    edit.setFocus()
    qtbot.keyClicks(edit, ANSWER)
    window.flush_edits()
    return question


def write_the_second_opinion(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    write_an_opinion(window, monkeypatch, "Second opinion", "Prostatitis")


def write_an_opinion(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, round_title: str, diagnosis: str
) -> None:
    """On the outcome page, write down the round's opinion: `diagnosis`, seen differently."""

    def fill(dialog: OpinionDialog) -> int:
        named(dialog, QPlainTextEdit, "The diagnosis").setPlainText(diagnosis)
        named(dialog, QRadioButton, Outcome.DISAGREES.label).click()
        named(dialog, QPushButton, "Save the opinion").click()
        return dialog.result()

    monkeypatch.setattr(OpinionDialog, "exec", fill)
    show(window, 7)
    named(window, QPushButton, f"{round_title}: write it down").click()


def check_the_history_is_kept(window: MainWindow, case: Case, question: str) -> None:
    window.open_case(case.id)
    # step 3: Dr. Chen keeps "gave the second opinion" and is not ranked again
    show(window, 3)
    table = named(window, QAbstractItemView, "Doctor comparison table")
    chen = row_with(table, Column.NAME, "Dr. David Chen")
    assert cell(table, chen, Column.STATUS) == "Gave an opinion"
    status = table.model().index(chen, Column.STATUS)
    for role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
        assert status.data(role) == "Gave the second opinion (round 2)"
    assert not table.model().flags(table.model().index(chen, Column.STATUS)) & (
        Qt.ItemFlag.ItemIsEditable
    )
    shown = texts(window.stack.currentWidget())
    assert any(t.startswith("1. Dr. Asha Patel:") for t in shown), shown
    assert not any(t.startswith(("1. Dr. David Chen", "2. Dr. David Chen")) for t in shown)
    assert "Dr. David Chen is not ranked: they gave the second opinion." in shown
    # step 4: the report's arrival at Dr. Chen's office is still in view
    show(window, 4)
    records = named(window, QAbstractItemView, "Your records checklist")
    report = row_with(records, 0, "Biopsy report")
    status = cell(records, report, 2)
    assert status.startswith("In hand since"), status
    assert "Second opinion: arrived at Dr. David Chen's office on " in status
    assert status.endswith(", confirmed by Ann."), status
    # step 6: the answer written at the second visit can be read; the new list is fresh
    show(window, 6)
    [earlier] = [
        g
        for g in window.findChildren(QGroupBox)
        if g.accessibleName().startswith("Questions and answers: Second opinion, with Dr. David")
    ]
    assert earlier.isVisibleTo(window)
    assert f"{question}\nAnswer: {ANSWER}" in [lab.text() for lab in earlier.findChildren(QLabel)]
    table = named(window, QAbstractItemView, "Questions for the visit")
    first = cell(table, 0, 1)
    assert (
        "my doctor said \u201cProstate cancer\u201d; Dr. David Chen said \u201cProstatitis\u201d"
        in first
    )
    assert ANSWER not in [cell(table, r, 3) for r in range(table.model().rowCount())]
    # the outcome page: both opinions side by side, each under its doctor's name
    show(window, 7)
    opinions = named(window, QAbstractItemView, "The opinions side by side")
    headers = [
        opinions.model().headerData(c, Qt.Orientation.Horizontal)
        for c in range(opinions.model().columnCount(QModelIndex()))
    ]
    assert "Second opinion\nDr. David Chen" in headers
    assert "You are now getting a third opinion (round 3)." in texts(window.stack.currentWidget())


def test_a_third_round_keeps_who_said_what_the_answers_and_where_records_went(
    session: AppSession,
    make_case: Callable[..., Case],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    case = prostate_case(session, make_case)
    window = session.open()
    window.open_case(case.id)
    question = answer_a_question_at_the_second_visit(window, qtbot)
    write_the_second_opinion(window, monkeypatch)

    asked: list[Any] = []
    monkeypatch.setattr(messages, "ask_yes_no", lambda *a, **k: asked.append(a) or True)
    third = named(window, QPushButton, "Start a third-opinion round")
    assert third.isVisibleTo(window)
    third.click()
    assert asked and window.current_page() == 3

    check_the_history_is_kept(window, case, question)
    window = session.restart()
    check_the_history_is_kept(window, case, question)


def test_after_a_third_opinion_the_outcome_page_speaks_of_the_third_doctor(
    session: AppSession,
    make_case: Callable[..., Case],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A new user's third round: once the third doctor's opinion is written down, nothing on
    the outcome page calls them the second doctor, and the next round offered is a fourth."""
    case = prostate_case(session, make_case)
    window = session.open()
    window.open_case(case.id)
    write_the_second_opinion(window, monkeypatch)
    monkeypatch.setattr(messages, "ask_yes_no", lambda *a, **k: True)
    named(window, QPushButton, "Start a third-opinion round").click()

    write_an_opinion(window, monkeypatch, "Third opinion", "Benign hyperplasia")
    QApplication.processEvents()
    shown = " ".join(texts(window.stack.currentWidget()))
    assert "After the third opinion" in shown
    assert "The third doctor sees the diagnosis differently." in shown
    assert "The third doctor agrees with the diagnosis" in shown  # what usually happens
    assert "second doctor" not in shown.lower()
    assert "Third opinion, Dr. Grace Okafor" not in shown  # not filed under their own doctor
    opinions = named(window, QAbstractItemView, "The opinions side by side")
    headers = [
        opinions.model().headerData(c, Qt.Orientation.Horizontal)
        for c in range(opinions.model().columnCount(QModelIndex()))
    ]
    # nor under the second doctor (called, no longer booked, after the second round), but
    # under the one left on the list who has not given an opinion
    assert "Third opinion\nDr. Asha Patel" in headers, headers
    assert "ask another doctor for an opinion" in shown
    assert named(window, QPushButton, "Start a fourth-opinion round").isVisibleTo(window)
