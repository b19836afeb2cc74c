"""The opinion dialog: a doctor on the list or someone else, dates, outcomes."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Doctor, Role, Status
from secondopinion_desktop.domain.opinions import Opinion, Outcome, given_on_note
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui.dialogs.opinion_dialog import SOMEONE_ELSE, OpinionDialog
from tests.helpers.clock import FakeClock


@pytest.fixture
def case(repo: Repository) -> Case:
    return repo.cases.create(
        "Mum",
        patient_name="Margaret Ellis",
        diagnosis="Invasive ductal carcinoma",
        recommended_treatment="Lumpectomy, then radiation",
        hear_back="A copy of the letter, by fax",
    )


@pytest.fixture
def doctors(repo: Repository, case: Case) -> dict[str, Doctor]:
    okafor = repo.doctors.add(
        Doctor(id=0, case_id=case.id, name="Dr. Samuel Okafor", role=Role.TREATING)
    )
    raman = repo.doctors.add(
        Doctor(id=0, case_id=case.id, name="Dr. Priya Raman", status=Status.BOOKED)
    )
    return {"okafor": okafor, "raman": raman}


def test_the_opinion_dialog(
    qtbot: QtBot, doctors: dict[str, Doctor], case: Case, clock: FakeClock
) -> None:
    start = Opinion(id=0, case_id=case.id, round=2, doctor_id=doctors["raman"].id)
    dialog = OpinionDialog(None, start, list(doctors.values()), lambda: clock().date())
    qtbot.addWidget(dialog)
    assert dialog.doctor.currentData() == doctors["raman"].id
    assert not dialog.doctor_name.isVisibleTo(dialog)
    assert dialog.outcome_buttons[None].isChecked()
    assert not dialog.given_on_note.isVisibleTo(dialog)
    dialog.given_on.setText("today")
    dialog.diagnosis.setPlainText("  Lobular carcinoma ")
    dialog.outcome_buttons[Outcome.DISAGREES].setChecked(True)
    dialog.accept()
    result = dialog.opinion()
    assert result is not None
    assert (result.diagnosis, result.outcome, result.given_on, result.doctor_name) == (
        "Lobular carcinoma",
        Outcome.DISAGREES,
        clock().date(),
        "Dr. Priya Raman",
    )


def test_the_opinion_dialog_for_someone_not_on_the_list(qtbot: QtBot, case: Case) -> None:
    first = Opinion(id=0, case_id=case.id, round=1, doctor_name="Dr. Moss")
    dialog = OpinionDialog(None, first, [])
    qtbot.addWidget(dialog)
    assert dialog.doctor.currentData() == SOMEONE_ELSE
    assert dialog.doctor_name.text() == "Dr. Moss"
    assert dialog.outcome_buttons == {}  # the first opinion has no outcome
    dialog.accept()
    result = dialog.opinion()
    assert result is not None and (result.doctor_id, result.doctor_name) == (None, "Dr. Moss")


def test_a_visit_day_still_to_come_is_kept_with_a_word(
    qtbot: QtBot, doctors: dict[str, Doctor], case: Case, clock: FakeClock
) -> None:
    start = Opinion(id=0, case_id=case.id, round=2, doctor_id=doctors["raman"].id)
    dialog = OpinionDialog(None, start, list(doctors.values()), lambda: clock().date())
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.given_on, "tomorrow")
    assert dialog.given_on_note.isVisibleTo(dialog)
    assert dialog.given_on_note.text().startswith("That day is still to come.")
    save = next(
        b for b in dialog.findChildren(QPushButton) if b.accessibleName() == "Save the opinion"
    )
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    result = dialog.opinion()
    assert result is not None and result.given_on == clock().date() + dt.timedelta(days=1)
    assert dialog.error.isHidden()


def test_the_note_about_the_day_is_a_rule() -> None:
    today = dt.date(2026, 11, 30)
    assert given_on_note(today, today) == ""
    assert given_on_note(today - dt.timedelta(days=40), today) == ""
    assert given_on_note(None, today) == ""
    assert "still to come" in given_on_note(today + dt.timedelta(days=1), today)
